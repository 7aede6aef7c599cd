import RefugeEngine
import RefugeSession

extension InterviewScreen {
    /// Applies one `InterviewCommand` at the cursor to the session value and asks for it to be
    /// saved (an effect, when it changed anything): the rules are the command's (the screen only
    /// turns keys into commands and shows the outcome). Never nil: a save that fails later is
    /// the runner's answer, `.saveFailed`, and the change stays in the value meanwhile.
    func attempt(_ command: InterviewCommand) -> Result<CommandOutcome, CommandProblem>? {
        let before = Set(interview.holdingChecks.map(\.id))
        let (result, changed) = model.perform(command, at: cursor)
        if changed {
            if case .draft = command { requestSave(.draft) } else { requestSave(.change) }
        }
        let fresh = interview.holdingChecks.filter { !before.contains($0.id) }
        if !fresh.isEmpty { freshChecks = fresh }
        return result
    }

    /// `attempt`, saying why when the command was refused.
    @discardableResult
    func run(_ command: InterviewCommand) -> CommandOutcome? {
        switch attempt(command) {
        case .success(let outcome)?: return outcome
        case .failure(let problem)?: sayProblem(problem)
        case nil: break
        }
        return nil
    }

    /// After a command that goes on (a confirmed answer, F6, Ctrl-N): to the place it leads,
    /// telling the checks that began to hold, back to the review after a jump from it. When
    /// the answer was kept but the interview cannot go on yet, says why and stays.
    func arrive(_ outcome: CommandOutcome) {
        if let held = outcome.held {
            sayProblem(held)
            return
        }
        message = nil
        go(to: outcome.cursor)
        tellFreshChecks()
        if let row = returnToReview {
            returnToReview = nil
            overlay = .review(highlight: row)
        }
    }

    /// A refusal in words; "back" at the first question and a command that means nothing here
    /// say nothing (the key just does nothing).
    func sayProblem(_ problem: CommandProblem) {
        if case .refused(let p) = problem { sayProblem(p) }
    }
}
