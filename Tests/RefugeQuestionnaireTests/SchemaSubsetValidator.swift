import Foundation
@testable import RefugeQuestionnaire

/// A JSON value, as a questionnaire's YAML reads in an editor and as the schema is written.
indirect enum JSONValue: Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// The YAML the way yaml-language-server sees it (YAML 1.2 core schema): quoted scalars are
    /// text; plain ones are null, booleans, numbers or text by their spelling.
    init(yaml node: YAMLNode) {
        switch node.kind {
        case .null: self = .null
        case .sequence(let items): self = .array(items.map(JSONValue.init(yaml:)))
        case .map(let entries): self = .object(Dictionary(entries.map { ($0.key, JSONValue(yaml: $0.value)) }, uniquingKeysWith: { a, _ in a }))
        case .scalar(let text):
            if node.quoted { self = .string(text); return }
            switch text {
            case "null", "Null", "NULL", "~", "": self = .null
            case "true", "True", "TRUE": self = .bool(true)
            case "false", "False", "FALSE": self = .bool(false)
            default:
                if text.range(of: #"^[-+]?([0-9]+|[0-9]*\.[0-9]+([eE][-+]?[0-9]+)?|[0-9]+\.[0-9]*([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$"#, options: .regularExpression) != nil,
                   let n = Double(text) {
                    self = .number(n)
                } else {
                    self = .string(text)
                }
            }
        }
    }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n == n.rounded() ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// Checks a value against the part of JSON Schema (draft-07) that `docs/questionnaire.schema.json`
/// uses. A keyword outside that part is itself reported, so the schema cannot grow a rule
/// that the tests silently skip.
struct SchemaSubsetValidator {
    static let checkedKeywords: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
        "propertyNames", "minProperties", "items", "minItems", "uniqueItems", "minLength", "pattern", "minimum",
        "not", "anyOf", "allOf", "if", "then", "else",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "definitions", "default"]

    let root: JSONValue

    /// Keywords anywhere in the schema that this validator does not check (so none is skipped
    /// unseen because no test value happened to reach it).
    func uncheckedKeywords() -> [String] {
        var found: [String] = []
        func walk(_ schema: JSONValue, _ path: String) {
            guard case .object(let s) = schema else { return }
            for (keyword, sub) in s.sorted(by: { $0.key < $1.key }) {
                switch keyword {
                case "properties", "patternProperties", "definitions":
                    if case .object(let m) = sub { for (k, v) in m { walk(v, "\(path)/\(keyword)/\(k)") } }
                case "allOf", "anyOf":
                    if case .array(let a) = sub { for (i, v) in a.enumerated() { walk(v, "\(path)/\(keyword)/\(i)") } }
                case "items", "additionalProperties", "not", "if", "then", "else", "propertyNames":
                    walk(sub, "\(path)/\(keyword)")
                default:
                    if !Self.checkedKeywords.contains(keyword) && !Self.annotations.contains(keyword) { found.append("\(path)/\(keyword)") }
                }
            }
        }
        walk(root, "#")
        return found
    }

    /// Every way `value` breaks the schema, as `path: problem` lines (empty when it conforms).
    func problems(_ value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, at: "$", into: &found)
        return found
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") {
            guard case .object(let o) = node, let next = o[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    private func conforms(_ value: JSONValue, _ schema: JSONValue) -> Bool {
        var found: [String] = []
        check(value, against: schema, at: "", into: &found)
        return found.isEmpty
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into found: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): not allowed here") }
            return
        }
        guard case .object(let s) = schema else { found.append("\(path): the schema here is not an object"); return }
        for keyword in s.keys where !Self.checkedKeywords.contains(keyword) && !Self.annotations.contains(keyword) {
            found.append("\(path): the schema uses `\(keyword)`, which this validator does not check")
        }
        if case .string(let ref)? = s["$ref"] {
            guard let target = resolve(ref) else { found.append("\(path): unresolved $ref \(ref)"); return }
            check(value, against: target, at: path, into: &found)
        }
        if let type = s["type"] {
            let names: [String]
            switch type {
            case .string(let one): names = [one]
            case .array(let many): names = many.compactMap { if case .string(let n) = $0 { return n } else { return nil } }
            default: names = []
            }
            let actual = value.typeName
            if !names.contains(actual) && !(actual == "integer" && names.contains("number")) {
                found.append("\(path): is \(actual), should be \(names.joined(separator: " or "))")
                return
            }
        }
        if case .array(let options)? = s["enum"], !options.contains(value) {
            found.append("\(path): is not one of the allowed values")
        }
        if let constant = s["const"], constant != value {
            found.append("\(path): should be \(constant)")
        }
        if case .string(let text) = value {
            if case .number(let n)? = s["minLength"], Double(text.count) < n { found.append("\(path): is too short") }
            if case .string(let p)? = s["pattern"], !matches(text, p) { found.append("\(path): `\(text)` does not match \(p)") }
        }
        if case .number(let n) = value, case .number(let minimum)? = s["minimum"], n < minimum {
            found.append("\(path): is below \(minimum)")
        }
        if case .object(let o) = value {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where o[key] == nil { found.append("\(path): has no `\(key)`") }
            }
            if case .number(let n)? = s["minProperties"], Double(o.count) < n { found.append("\(path): has too few keys") }
            var properties: [String: JSONValue] = [:]
            if case .object(let p)? = s["properties"] { properties = p }
            var patterns: [String: JSONValue] = [:]
            if case .object(let p)? = s["patternProperties"] { patterns = p }
            for (key, member) in o.sorted(by: { $0.key < $1.key }) {
                let here = "\(path).\(key)"
                if let names = s["propertyNames"] { check(.string(key), against: names, at: "\(here) (the key)", into: &found) }
                var described = false
                if let p = properties[key] { described = true; check(member, against: p, at: here, into: &found) }
                for (pattern, p) in patterns where matches(key, pattern) { described = true; check(member, against: p, at: here, into: &found) }
                if !described, let additional = s["additionalProperties"] {
                    if case .bool(false) = additional { found.append("\(here): `\(key)` is not allowed here") }
                    else { check(member, against: additional, at: here, into: &found) }
                }
            }
        }
        if case .array(let elements) = value {
            if case .number(let n)? = s["minItems"], Double(elements.count) < n { found.append("\(path): has too few entries") }
            if case .bool(true)? = s["uniqueItems"] {
                for (i, e) in elements.enumerated() where elements[..<i].contains(e) { found.append("\(path)[\(i)]: repeats an earlier entry") }
            }
            if let itemSchema = s["items"] {
                for (i, e) in elements.enumerated() { check(e, against: itemSchema, at: "\(path)[\(i)]", into: &found) }
            }
        }
        if case .array(let all)? = s["allOf"] { for sub in all { check(value, against: sub, at: path, into: &found) } }
        if case .array(let any)? = s["anyOf"], !any.contains(where: { conforms(value, $0) }) {
            // The closest alternative's complaints say most about what is wrong.
            let reasons = any.map { alternative -> [String] in var f: [String] = []; check(value, against: alternative, at: path, into: &f); return f }
            found.append(contentsOf: reasons.min { $0.count < $1.count } ?? ["\(path): matches none of the alternatives"])
        }
        if let not = s["not"], conforms(value, not) { found.append("\(path): is a value that is not allowed here") }
        if let condition = s["if"] {
            if conforms(value, condition) {
                if let then = s["then"] { check(value, against: then, at: path, into: &found) }
            } else if let otherwise = s["else"] {
                check(value, against: otherwise, at: path, into: &found)
            }
        }
    }
}
