import Hummingbird
import Plot
import ToolkitCore

/// What a person typed into a form that arrived after their session had ended (it timed out,
/// or the cookie was removed). Nothing is saved for them and nothing is kept on the server: the
/// typed fields travel inside the sign-in form as hidden fields, and after signing in the same
/// page comes back filled in, ready to save. A form sent with an out-of-date token while still
/// signed in comes back the same way.
struct HeldForm: Sendable {
    static let pathField = "_held_path"
    static let fieldPrefix = "_held."
    /// Forms long enough that losing them would hurt, whose pages can be rebuilt from their
    /// fields: the safety plan, a new or changed journal entry (posted to /journal or
    /// /journal/<id>), a new or changed line of My critic and my answers, a newly filled
    /// worksheet (/worksheets) and a changed one (/worksheets/<id>), a finished practice (posted to
    /// /practice-log: a long practice can outlast the session), a goal (new or changed), a setback
    /// reflection, the self-care plan, a weekly check-in, and a therapist's own library item or
    /// an assignment (new or changed) with its personal note.
    static func isResumable(_ path: String) -> Bool {
        let whole = [SiteURL.safetyPlanEdit.path, SiteURL.journal.path, SiteURL.critic.path, SiteURL.worksheets.path, SiteURL.practiceLog.path,
                     SiteURL.goals.path, SiteURL.selfCarePlan.path, SiteURL.selfCareCheckIns.path,
                     SiteURL.sessionSummary.path, SiteURL.authoredItemNew.path]
        if whole.contains(path) { return true }
        return journalEntryID(path) != nil || entryID(path, under: "my-critic") != nil || savedWorksheetID(path) != nil
            || GoalsViews.heldGoalID(path, reflection: false) != nil || GoalsViews.heldGoalID(path, reflection: true) != nil
            || authoredItemID(path) != nil || assignmentForm(path) != nil
    }

    /// The client and, for a change, the assignment an assignment form was posted to
    /// (/clients/<id>/assignments or /clients/<id>/assignments/<assignment>).
    static func assignmentForm(_ path: String) -> (clientID: String, assignmentID: String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, parts[0].isEmpty, parts[1] == "clients", isIdentifier(parts[2]),
              parts[3] == "assignments" else { return nil }
        if parts.count == 4 { return (String(parts[2]), nil) }
        return isIdentifier(parts[4]) ? (String(parts[2]), String(parts[4])) : nil
    }

    /// The therapist's own item a changed editor was posted to (/library/mine/<id>).
    static func authoredItemID(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "library", parts[2] == "mine",
              !["new", "import", "preview"].contains(parts[3]), !parts[3].isEmpty,
              parts[3].allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else { return nil }
        return String(parts[3])
    }

    /// The sheet a changed worksheet was posted to (/worksheets/<id>).
    static func savedWorksheetID(_ path: String) -> String? { entryID(path, under: "worksheets") }

    static func journalEntryID(_ path: String) -> String? { entryID(path, under: "journal") }

    /// The id in "/<section>/<id>", the path a changed entry is posted to.
    static func entryID(_ path: String, under section: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, parts[1] == section, parts[2] != "new", parts[2] != "card",
              isIdentifier(parts[2]) else { return nil }
        return String(parts[2])
    }

    /// A path part that can be an id: letters, digits, hyphens and underscores.
    private static func isIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    var path: String
    var fields: FormData

    /// From a form post that could not be accepted: only for forms that can be resumed.
    init?(rejectedPost path: String, form: FormData) {
        guard Self.isResumable(path) else { return nil }
        self.path = path
        self.fields = FormData(pairs: form.pairs.filter { $0.name != CSRFMiddleware.fieldName && !$0.name.hasPrefix("_held") })
    }

    /// From the hidden fields of a sign-in or second-factor form.
    init?(carriedIn form: FormData) {
        let path = form[Self.pathField]
        guard Self.isResumable(path) else { return nil }
        self.path = path
        self.fields = FormData(pairs: form.pairs.compactMap { pair in
            pair.name.hasPrefix(Self.fieldPrefix) ? (String(pair.name.dropFirst(Self.fieldPrefix.count)), pair.value) : nil
        })
    }

    /// The typed fields, hidden, inside the sign-in or second-factor form.
    var hiddenInputs: Node<HTML.FormContext> {
        .group(
            .input(.type(.hidden), .name(Self.pathField), .safeValue(path)),
            .forEach(fields.pairs) { pair in
                .input(.type(.hidden), .attribute(named: "name", value: (Self.fieldPrefix + pair.name).attributeEscaped), .safeValue(pair.value))
            })
    }

    static let signInNotice = "You were signed out, so what you typed isn't saved yet. It's kept on this page: sign in and it will be back in the form, ready to save."
    static let resumedNotice = "Nothing has been saved yet. Everything you typed is below: check it, then press Save to keep it."

    /// The page the form came from, filled in with what was typed, for this person; nil when the
    /// form isn't theirs to use (a therapist signing in where a client's form was held, or an
    /// assignment for someone else's client). `address` is for the audit of what the page reads.
    func resumedPage(for user: User, csrfToken: String, services: AppServices, address: String) async throws -> Response? {
        if user.userRole == .therapist, Self.assignmentForm(path) != nil {
            return try await AssignmentController(services: services)
                .resumedPage(path: path, fields: fields, therapist: user, csrfToken: csrfToken, address: address)
                .map { Responses.html($0) }
        }
        let configuration = services.configuration
        let library = try await services.catalog.everything()
        switch path {
        case SiteURL.safetyPlanEdit.path where user.userRole == .client:
            let page = SafetyPlanEditPage(user: user, csrfToken: csrfToken, plan: SafetyPlanEditPage.plan(from: fields),
                                          notice: Self.resumedNotice, idleSeconds: Int(configuration.sessionIdleTimeout))
            return Responses.html(page.render())
        case _ where user.userRole == .client && (path == SiteURL.journal.path || Self.journalEntryID(path) != nil):
            let page = JournalViews.edit(user: user, csrfToken: csrfToken, entry: JournalViews.entry(from: fields),
                                         id: Self.journalEntryID(path), idleSeconds: Int(configuration.sessionIdleTimeout),
                                         notice: Self.resumedNotice)
            return Responses.html(page)
        case _ where user.userRole == .client && (path == SiteURL.critic.path || Self.entryID(path, under: "my-critic") != nil):
            return Responses.html(CriticViews.resumed(user: user, csrfToken: csrfToken, id: Self.entryID(path, under: "my-critic"),
                                                      line: CriticController.line(from: fields),
                                                      idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice))
        case _ where user.userRole == .client && (path == SiteURL.worksheets.path || Self.savedWorksheetID(path) != nil):
            // The worksheet's questions come from the library; saving a changed sheet still takes
            // its worksheet from what was saved, not from this field.
            guard let item = library.item(fields["item"]), !item.fields.isEmpty else { return nil }
            let page = WorksheetViews.fill(user: user, csrfToken: csrfToken, item: item, id: Self.savedWorksheetID(path),
                                           values: WorksheetForm.typed(from: fields, fields: item.fields), notice: Self.resumedNotice,
                                           idleSeconds: Int(configuration.sessionIdleTimeout))
            return Responses.html(page)
        case SiteURL.practiceLog.path where user.userRole == .client:
            let page = PracticeLogViews.recordPage(user: user, csrfToken: csrfToken, itemTitle: fields["itemTitle"],
                                                   input: PracticeRecordForm.input(from: fields),
                                                   idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice)
            return Responses.html(page)
        case _ where user.userRole == .client && (path == SiteURL.goals.path || GoalsViews.heldGoalID(path, reflection: false) != nil):
            return Responses.html(GoalsViews.edit(user: user, csrfToken: csrfToken, goal: GoalsViews.goal(from: fields),
                                                  id: GoalsViews.heldGoalID(path, reflection: false),
                                                  idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice))
        case _ where user.userRole == .client && GoalsViews.heldGoalID(path, reflection: true) != nil:
            return Responses.html(GoalsViews.reflection(user: user, csrfToken: csrfToken, goalID: GoalsViews.heldGoalID(path, reflection: true) ?? "",
                                                        title: fields["goalTitle"], reflection: GoalsViews.reflection(from: fields), offered: false,
                                                        idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice))
        case _ where user.userRole == .client && (path == SiteURL.selfCarePlan.path || path == SiteURL.selfCareCheckIns.path):
            return SelfCareViews.resumedPage(path: path, fields: fields, user: user, csrfToken: csrfToken,
                                             idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice).map { Responses.html($0) }
        case SiteURL.sessionSummary.path where user.userRole == .client:
            return Responses.html(SessionSummaryViews.resumed(user: user, csrfToken: csrfToken, form: SessionSummaryViews.Form(fields),
                                                              idleSeconds: Int(configuration.sessionIdleTimeout), notice: Self.resumedNotice))
        case _ where user.userRole == .therapist && (path == SiteURL.authoredItemNew.path || Self.authoredItemID(path) != nil):
            return Responses.html(AuthoringViews.editor(.init(user: user, csrfToken: csrfToken, id: Self.authoredItemID(path),
                                                              input: AuthoringViews.input(from: fields), notice: Self.resumedNotice,
                                                              idleSeconds: Int(configuration.sessionIdleTimeout))))
        default:
            return nil
        }
    }
}
