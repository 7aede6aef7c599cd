// The questionnaire the importer builds, just as much of the format as an XLSForm can fill,
// ready to be written as YAML. Texts are kept per language code.

/// One text in several languages (code → text).
typealias Texts = [String: String]

struct OutputChoice: Sendable {
    var value: String
    var label: Texts
}

struct OutputList: Sendable {
    var name: String
    var choices: [OutputChoice]
}

struct OutputItem: Sendable {
    var id: String
    var type: String
    var prompt: Texts?
    var help: Texts?
    var text: Texts?
    var note: Texts?
    var required = false
    var showIf: String?
    var constraint: String?
    var constraintMessage: Texts?
    var choices: String?
    var other = false
    var integer = false
    var min: String?
    var max: String?
    var minCount: Int?
    var maxCount: Int?
    var precision: String?
    var expression: String?
    var count: String?
    var items: [OutputItem] = []
    /// YAML comments written above the item: where it came from, what was not carried over.
    var comments: [String] = []
    /// Comments written after the item: rows inside it (or after it) that were not imported.
    var trailingComments: [String] = []
}

struct OutputSection: Sendable {
    var id: String
    var title: Texts
    var showIf: String?
    var items: [OutputItem] = []
    var comments: [String] = []
}

struct OutputQuestionnaire: Sendable {
    var id: String
    var version: String
    var title: Texts
    var languages: [String]
    var lists: [OutputList]
    var sections: [OutputSection]
    var headerComments: [String]
}
