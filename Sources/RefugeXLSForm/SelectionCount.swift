// A select_multiple's constraint that only bounds how many choices are picked
// (`count-selected(.) >= 1 and count-selected(.) <= 3`) becomes Refuge's min_count/max_count:
// Refuge's expressions cannot count the answer being given.

enum SelectionCount {
    static func bounds(of constraint: String, selfName: String) -> (min: Int?, max: Int?)? {
        guard let tree = try? XPathParser.parse(constraint) else { return nil }
        var bounds: (min: Int?, max: Int?) = (nil, nil)
        guard collect(tree, selfName: selfName, into: &bounds) else { return nil }
        if let min = bounds.min, let max = bounds.max, min > max { return nil }
        return bounds
    }

    private static func collect(_ node: XPathNode, selfName: String, into bounds: inout (min: Int?, max: Int?)) -> Bool {
        guard case .binary(let op, let l, let r) = node else { return false }
        if op == .and {
            return collect(l, selfName: selfName, into: &bounds) && collect(r, selfName: selfName, into: &bounds)
        }
        // count-selected(.) OP N, or N OP count-selected(.) (the operator then reads the other way).
        var comparison = op
        var number: XPathNode = r
        if !isCount(l, selfName) {
            guard isCount(r, selfName) else { return false }
            number = l
            switch op {
            case .less: comparison = .greater
            case .lessOrEqual: comparison = .greaterOrEqual
            case .greater: comparison = .less
            case .greaterOrEqual: comparison = .lessOrEqual
            default: break
            }
        }
        guard case .number(let text) = number, let n = Int(text) else { return false }
        func raise(_ value: Int) { bounds.min = Swift.max(bounds.min ?? value, value) }
        func lower(_ value: Int) { bounds.max = Swift.min(bounds.max ?? value, value) }
        switch comparison {
        case .greaterOrEqual: raise(n)
        case .greater: raise(n + 1)
        case .lessOrEqual: lower(n)
        case .less: lower(n - 1)
        case .equal: raise(n); lower(n)
        default: return false
        }
        return true
    }

    private static func isCount(_ node: XPathNode, _ selfName: String) -> Bool {
        guard case .call("count-selected", let args) = node, args.count == 1 else { return false }
        return args[0] == .current || args[0] == .reference(selfName)
    }
}
