extension StringProtocol {
    /// The text cut to at most `width` cells, ending with `ellipsis` when something was cut
    /// (for titles and list entries that must stay on one line). Never cuts a grapheme cluster.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return String(self) }
        let room = width - ellipsis.displayWidth
        guard room >= 0 else { return String(ellipsis.prefix(width)) }
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = character.displayWidth
            if used + characterWidth > room { break }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }
}

extension StringProtocol {
    /// The text followed by spaces up to `width` cells (a column of labels or dates); text as
    /// wide as that or wider is returned as it is.
    public func padded(toWidth width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - displayWidth))
    }
}
