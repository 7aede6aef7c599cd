import Foundation
import XCTest

/// The real program in tmux: no answer is recorded that the client did not choose, and text
/// typed for "other" is kept exactly, digits and spaces included.
final class ChoiceEndToEndTests: ProgramInTmuxTestCase {
    static let fixture = RefugeBinary.packageRoot.appendingPathComponent("Tests/RefugeScreenTests/Fixtures/choices.yaml").path

    func record(_ id: String, _ question: String) throws -> [String: Any]? {
        try refuge.answers(id)[question] as? [String: Any]
    }

    /// Starts the fixture and waits for its first question.
    func start() throws -> String {
        let id = try refuge.newSession(["--questionnaire", Self.fixture, "--no-passphrase"])
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("Pick a colour")
        return id
    }

    func testEnterOnAnUntouchedChoiceSavesNothing() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try start()
        try tmux.send("Enter"); try tmux.waitFor("or F6")         // required: stays and says how to go on
        try tmux.send("2", "Enter"); try tmux.waitFor("Pick a fruit")
        try tmux.send("Enter"); try tmux.waitFor("Pick a number word")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual((try record(id, "required_pick")?["value"] as? [String: Any])?["choice"] as? String, "blue")
        XCTAssertNil(try record(id, "optional_pick")?["value"], "Enter on an untouched list recorded an answer")
    }

    func testAFilterThatMatchesNothingSavesNothing() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try start()
        try tmux.send("1", "Enter"); try tmux.waitFor("Pick a fruit")
        try tmux.send("Enter"); try tmux.waitFor("Pick a number word")
        try tmux.send("Down")
        try tmux.type("zzz"); try tmux.waitFor("zzz")
        try tmux.send("Enter"); try tmux.waitFor("Who was there")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertNil(try record(id, "long_pick")?["value"], "a row hidden by the filter was recorded")
    }

    func testOtherTextWithDigitsAndSpacesIsSavedExactly() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try start()
        try tmux.send("1", "Enter"); try tmux.waitFor("Pick a fruit")
        try tmux.send("Enter"); try tmux.waitFor("Pick a number word")
        try tmux.send("Enter"); try tmux.waitFor("Who was there")
        try tmux.send("1", "3")                                   // police, other: the cursor goes into its field
        try tmux.waitFor("back to the list")
        try tmux.type("el vecino 2"); try tmux.waitFor("el vecino 2")
        try tmux.send("Enter"); try tmux.waitFor("Done?")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        let saved = try XCTUnwrap(try record(id, "many_pick"))
        XCTAssertEqual((saved["value"] as? [String: Any])?["choices"] as? [String], ["police", "other"])
        XCTAssertEqual(saved["other_text"] as? String, "el vecino 2")
    }
}

/// The real program in tmux: a Russian session with an English-speaking interviewer; after F12
/// the footer, the help and the menu are in English, and the view is remembered.
final class InterviewerViewEndToEndTests: ProgramInTmuxTestCase {
    func testRussianSessionWithEnglishInterviewerAfterF12() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "intake", "--language", "ru", "--interviewer-language", "en", "--no-passphrase"])
        let environment = ["REFUGE_HOME": refuge.home.path]
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("Esc меню")
        try tmux.send("F12"); try tmux.waitFor("Esc menu")
        let footer = try tmux.screen()
        XCTAssertTrue(footer.contains("Enter OK"), footer)
        XCTAssertTrue(footer.contains("F1 help"), footer)
        try tmux.send("F1"); try tmux.waitFor("Keys")
        let help = try tmux.screen()
        XCTAssertTrue(help.contains("Next language"), help)
        XCTAssertFalse(help.contains("Клавиши"), help)
        try tmux.send("Escape"); try tmux.waitFor("Esc menu")
        try tmux.send("Escape"); try tmux.waitFor("Save and quit")
        let menu = try tmux.screen()
        XCTAssertTrue(menu.contains("Write the report"), menu)
        XCTAssertFalse(menu.contains("Меню"), menu)
        try tmux.send("Escape")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        let session = try XCTUnwrap((refuge.sessionJSON(id)["body"] as? [String: Any])?["session"] as? [String: Any])
        XCTAssertEqual(session["interviewer_view"] as? Bool, true, "F12's state is kept in the session")
    }
}

/// The real program in tmux: a note being typed (F3) when Ctrl-C stops the program is there,
/// still being typed, when the session is resumed.
final class NoteDraftEndToEndTests: ProgramInTmuxTestCase {
    func testANoteTypedThenCtrlCIsThereAfterResume() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        let environment = ["REFUGE_HOME": refuge.home.path]
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("We will ask you")
        try tmux.send("F3"); try tmux.waitFor("Interviewer's note")
        try tmux.type("Arrived tired, 2 hours late"); try tmux.waitFor("2 hours late")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)

        tmux.stop()
        tmux = Tmux()
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        let screen = try tmux.waitFor("Interviewer's note")
        XCTAssertTrue(screen.contains("Arrived tired, 2 hours late"), screen)
        try tmux.type(".")
        try tmux.send("C-n"); try tmux.waitFor("We will ask you")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        let note = (try refuge.answers(id)["welcome"] as? [String: Any])?["note"] as? String
        XCTAssertEqual(note, "Arrived tired, 2 hours late.")
    }
}
