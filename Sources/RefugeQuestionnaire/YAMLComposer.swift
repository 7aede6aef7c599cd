internal import CLibYAML
import RefugeLimits

/// Builds our `YAMLNode` tree straight from libyaml's parser events.
///
/// Yams' composer (which this replaces) made an object per event, a tag object per node and
/// a Foundation string per scalar, and hashed every map's keys as whole nodes; for a large
/// questionnaire that was most of the time of loading. This reads the same events in the same
/// order, so every error libyaml reports, and where, stays what it was.
struct YAMLComposer: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The current event; libyaml owns what its pointers point to until it is deleted.
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    /// The file's name, shared by every node.
    private let fileName: YAMLFileName
    /// The text being composed (owned by the caller for the composer's lifetime).
    private let source: UnsafeBufferPointer<UInt8>
    /// Anchored nodes by name; a later anchor of the same name replaces an earlier one.
    private var anchors: [String: Composed] = [:]
    /// How many nodes each anchored node stands for (itself and everything inside, aliases
    /// counted as what they stand for).
    private var anchorSizes: [String: Int] = [:]
    /// Nodes composed so far, each alias counted as the nodes it stands for: bounded by
    /// `Limits.yamlNodes`, so nested aliases cannot make a small file stand for a huge tree.
    private var nodes = 0
    /// Lists and maps open around the current node, bounded by `Limits.yamlDepth`.
    private var depth = 0

    /// A node, and its shape when it may be compared as a map key. A tuple, so that callers
    /// take it apart without copying the node.
    private typealias Composed = (node: YAMLNode, shape: YAMLKeyShape?)

    private static let defaultScalarTag = "tag:yaml.org,2002:str"
    private static let defaultSequenceTag = "tag:yaml.org,2002:seq"
    private static let defaultMappingTag = "tag:yaml.org,2002:map"

    /// Composes the single document in `bytes` (UTF-8); nil when the text holds no document.
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(YAMLFailure) -> YAMLNode? {
        // libyaml insists on an input pointer; a text without bytes is a stream without documents.
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var composer = YAMLComposer(start, count: bytes.count, file: file)
        return try composer.composeSingleDocument()
    }

    private init(_ start: UnsafePointer<UInt8>, count: Int, file: String) {
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, start, count)
        fileName = YAMLFileName(file)
        source = UnsafeBufferPointer(start: start, count: count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        event.deallocate()
        parser.deallocate()
    }

    private var eventType: yaml_event_type_t { event.pointee.type }

    private mutating func advance() throws(YAMLFailure) {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw parserFailure() }
        holdsEvent = true
    }

    /// The stream must hold one document (or none): a second one is an error at its start,
    /// in the words Yams used.
    private mutating func composeSingleDocument() throws(YAMLFailure) -> YAMLNode? {
        try advance()  // stream start
        try advance()
        if eventType == YAML_STREAM_END_EVENT { return nil }
        try advance()  // past the document start, to the root node
        let (root, _) = try composeNode(shaped: false)
        try advance()  // document end
        try advance()
        if eventType != YAML_STREAM_END_EVENT {
            throw .syntax(problem: "but found another document", at: Self.mark(event.pointee.start_mark),
                          context: (text: "expected a single document in the stream", at: YAMLFailure.Mark(line: 1, column: 1)))
        }
        return root
    }

    /// Composes the node whose first event is the current one; on return the current event
    /// is its last. `shaped`: the node is (inside) a map key, so its shape is needed.
    private mutating func composeNode(shaped: Bool) throws(YAMLFailure) -> Composed {
        let mark = event.pointee.start_mark
        switch eventType {
        case YAML_ALIAS_EVENT:
            // As Yams did: an alias stands for a copy of the anchored node, position included.
            let name = String(cString: event.pointee.data.alias.anchor)
            guard let anchored = anchors[name] else {
                throw .syntax(problem: "found undefined alias", at: Self.mark(mark), context: nil)
            }
            try count(anchorSizes[name] ?? 1, at: mark)
            return anchored
        case YAML_SCALAR_EVENT:
            try count(1, at: mark)
            return composeScalar(shaped: shaped)
        case YAML_SEQUENCE_START_EVENT:
            return try nested(at: mark) { (composer: inout YAMLComposer) throws(YAMLFailure) in try composer.composeSequence(shaped: shaped) }
        case YAML_MAPPING_START_EVENT:
            return try nested(at: mark) { (composer: inout YAMLComposer) throws(YAMLFailure) in try composer.composeMapping(shaped: shaped) }
        default:
            // libyaml only starts a node with one of the events above.
            preconditionFailure("libyaml produced event \(eventType.rawValue) where a node should start")
        }
    }

    private mutating func composeScalar(shaped: Bool) -> Composed {
        let scalar = event.pointee.data.scalar
        let text = Self.text(of: UnsafeBufferPointer(start: scalar.value, count: scalar.length))
        let mark = event.pointee.start_mark
        let node: YAMLNode
        if scalar.style == YAML_PLAIN_SCALAR_STYLE && (text.isEmpty || text == "null" || text == "Null" || text == "NULL") {
            // An empty plain scalar (`key:` with nothing after it) or `null` written plainly is
            // "no value"; quoted it stays text.
            node = self.node(.null, at: mark)
        } else {
            let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
            var scalarNode = self.node(.scalar(text), at: mark, quoted: quoted)
            if scalar.style == YAML_LITERAL_SCALAR_STYLE || scalar.style == YAML_FOLDED_SCALAR_STYLE {
                let end = event.pointee.end_mark
                scalarNode.block = BlockScalarLines(
                    source: source, firstLine: event.pointee.start_mark.line + 1,
                    lastLine: end.column == 0 ? end.line - 1 : end.line, folded: scalar.style == YAML_FOLDED_SCALAR_STYLE)
            }
            node = scalarNode
        }
        let anchor = Self.string(scalar.anchor)
        var shape: YAMLKeyShape?
        if shaped || anchor != nil {
            let tag = scalar.quoted_implicit != 0 ? nil : Self.tag(scalar.tag, default: Self.defaultScalarTag)
            shape = .scalar(text, tag: tag)
        }
        if let anchor { anchors[anchor] = (node, shape); anchorSizes[anchor] = 1 }
        return (node, shape)
    }

    /// Counts `added` nodes, refusing the file once it stands for more than the limit.
    private mutating func count(_ added: Int, at mark: yaml_mark_t) throws(YAMLFailure) {
        nodes += added
        if nodes > Limits.yamlNodes {
            throw .limit("this file stands for more than \(Limits.yamlNodes) YAML values (counting each alias `*name` as the values it repeats); it is refused so that it cannot exhaust the computer", at: Self.mark(mark))
        }
    }

    /// Composes a list or map one level deeper, refusing nesting beyond the limit, and records
    /// an anchored node's size.
    private mutating func nested(at mark: yaml_mark_t, _ body: (inout YAMLComposer) throws(YAMLFailure) -> Composed) throws(YAMLFailure) -> Composed {
        depth += 1
        defer { depth -= 1 }
        if depth > Limits.yamlDepth {
            throw .limit("lists and maps are nested more than \(Limits.yamlDepth) levels deep here", at: Self.mark(mark))
        }
        let anchor: String?
        switch eventType {
        case YAML_SEQUENCE_START_EVENT: anchor = Self.string(event.pointee.data.sequence_start.anchor)
        default: anchor = Self.string(event.pointee.data.mapping_start.anchor)
        }
        try count(1, at: mark)
        let before = nodes
        let composed = try body(&self)
        if let anchor { anchorSizes[anchor] = nodes - before + 1 }
        return composed
    }

    private mutating func composeSequence(shaped: Bool) throws(YAMLFailure) -> Composed {
        let start = event.pointee.data.sequence_start
        let mark = event.pointee.start_mark
        let anchor = Self.string(start.anchor)
        let tag = start.implicit != 0 ? nil : Self.tag(start.tag, default: Self.defaultSequenceTag)
        // An anchored node may be used as a key later through an alias.
        let shapeChildren = shaped || anchor != nil
        var items: [YAMLNode] = []
        var shapes: [YAMLKeyShape] = []
        try advance()
        while eventType != YAML_SEQUENCE_END_EVENT {
            let (item, itemShape) = try composeNode(shaped: shapeChildren)
            items.append(item)
            if let itemShape, shapeChildren { shapes.append(itemShape) }
            try advance()
        }
        let node = self.node(.sequence(Self.exactly(items)), at: mark)
        let shape: YAMLKeyShape? = shapeChildren ? .sequence(shapes, tag: tag) : nil
        if let anchor { anchors[anchor] = (node, shape) }
        return (node, shape)
    }

    private mutating func composeMapping(shaped: Bool) throws(YAMLFailure) -> Composed {
        let start = event.pointee.data.mapping_start
        let mark = event.pointee.start_mark
        let anchor = Self.string(start.anchor)
        let tag = start.implicit != 0 ? nil : Self.tag(start.tag, default: Self.defaultMappingTag)
        let shapeChildren = shaped || anchor != nil
        var entries: [YAMLEntry] = []
        var keys: [YAMLKeyShape] = []
        var pairs: [YAMLKeyShape.Pair] = []
        try advance()
        while eventType != YAML_MAPPING_END_EVENT {
            let (key, shapeOfKey) = try composeNode(shaped: true)
            try advance()
            let (value, valueShape) = try composeNode(shaped: shapeChildren)
            // A key is always shaped; only a map or list used as a key has no text.
            let keyShape = shapeOfKey ?? .scalar("", tag: nil)
            entries.append(YAMLEntry(key: keyShape.scalarText ?? "", keyLocation: key.location, value: value))
            keys.append(keyShape)
            if let valueShape, shapeChildren { pairs.append(.init(key: keyShape, value: valueShape)) }
            try advance()
        }
        // Checked once the whole map is read, as Yams did, so errors inside it come first.
        let repeated = YAMLKeyShape.duplicates(among: keys)
        if let first = repeated.first {
            let at = entries[first].keyLocation
            throw .duplicateKeys(repeated.map { keys[$0].scalarText ?? "<uncovertable>" },
                                 at: YAMLFailure.Mark(line: at.line, column: at.column))
        }
        let node = self.node(.map(Self.exactly(entries)), at: mark)
        let shape: YAMLKeyShape? = shapeChildren ? .mapping(pairs, tag: tag) : nil
        if let anchor { anchors[anchor] = (node, shape) }
        return (node, shape)
    }

    /// The elements in an array of exactly their number: arrays grow by doubling, and the
    /// tree of a large questionnaire (every map and list of it) lives until the model is built,
    /// the peak of memory while loading; the room left over was a third of it.
    private static func exactly<Element>(_ elements: [Element]) -> [Element] {
        elements.capacity - elements.count < 2 ? elements : elements.withUnsafeBufferPointer { Array($0) }
    }

    // MARK: libyaml's values

    private func node(_ kind: YAMLNode.Kind, at mark: yaml_mark_t, quoted: Bool = false) -> YAMLNode {
        YAMLNode(kind: kind, line: mark.line + 1, column: mark.column + 1, file: fileName, quoted: quoted)
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLFailure.Mark {
        YAMLFailure.Mark(line: mark.line + 1, column: mark.column + 1)
    }

    /// A scalar's text. Scalars may hold NUL characters, so the length counts, not a
    /// terminator; libyaml produces UTF-8 (it decodes escapes and rejects invalid input).
    /// A byte order mark at the start is dropped, as Foundation's decoding (which Yams used)
    /// did, so that `"\uFEFFyes"` still reads as `yes`.
    private static func text(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[3...]), as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// A node's explicit tag, or nil when it means the kind's default (no tag, `!`, or the
    /// default spelled out), which is how Yams resolved tags with its basic resolver.
    private static func tag(_ pointer: UnsafeMutablePointer<UInt8>?, default defaultTag: String) -> String? {
        guard let tag = string(pointer), tag != "!", tag != defaultTag else { return nil }
        return tag
    }

    private func parserFailure() -> YAMLFailure {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? ""
        switch parser.pointee.error {
        case YAML_READER_ERROR:
            return .reader(problem: problem)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let context = parser.pointee.context.map {
                (text: String(cString: $0), at: Self.mark(parser.pointee.context_mark))
            }
            return .syntax(problem: problem, at: Self.mark(parser.pointee.problem_mark), context: context)
        default:
            return .unreadable
        }
    }
}
