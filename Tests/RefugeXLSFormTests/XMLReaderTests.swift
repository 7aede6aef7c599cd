import XCTest
@testable import RefugeXLSForm

/// The small XML reader that replaced XMLParser for .xlsx parts.
final class XMLReaderTests: XCTestCase {
    private struct Recorder: XMLEventHandler {
        var events: [String] = []
        mutating func start(_ name: String, attributes: [String: String]) {
            events.append("<\(name)" + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined() + ">")
        }
        mutating func end(_ name: String) { events.append("</\(name)>") }
        mutating func text(_ text: String) { events.append(text) }
    }

    private func events(_ xml: String) throws -> [String] {
        var recorder = Recorder()
        try XMLReader.read(Array(xml.utf8), into: &recorder)
        return recorder.events
    }

    func testElementsAttributesEntitiesAndCDATA() throws {
        let xml = "<?xml version=\"1.0\"?>\r\n<!-- c --><a x='1' r:id=\"r&amp;2\"><b/>t &lt;&#233;&#x4E2D;&gt;<![CDATA[<raw>]]></a>\n"
        XCTAssertEqual(try events(xml), ["<a r:id=r&2 x=1>", "<b>", "</b>", "t <é中>", "<raw>", "</a>"])
        XCTAssertEqual(try events("<a>x\r\ny</a>"), ["<a>", "x\ny", "</a>"], "line ends read as line feeds")
    }

    func testMalformedDocumentsAreRefusedWithTheirLine() {
        for bad in ["<a>", "<a></b>", "<a><b></a></b>", "<a x=1/>", "<a>&bogus;</a>", "<a/><b/>", "text", "",
                    "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "<a x='1' x='2'/>", "<a>\n\n</c>"] {
            XCTAssertThrowsError(try events(bad), bad)
        }
        XCTAssertThrowsError(try events("<a>\n\n</c>")) { error in
            XCTAssertEqual((error as? XMLReadError)?.line, 3)
        }
    }
}
