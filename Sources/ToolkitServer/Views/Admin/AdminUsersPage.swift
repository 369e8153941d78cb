import Foundation
import Plot
import ToolkitCore

struct AdminUsersPage {
    var admin: User
    var csrfToken: String
    var users: [User]
    var values: [String: String] = [:]
    var errors: [String] = []
    var notice: String?
    /// Throttle keys of accounts with recent failed sign-ins (see `LoginThrottle.accountKey`).
    var lockedKeys: Set<String> = []

    func render() -> String {
        let therapists = users.filter { $0.userRole == .therapist }
        let therapistNames = AccountService.therapistNames(users)
        return PageLayout(title: "Accounts", user: admin, csrfToken: csrfToken, scripts: ["account-links.js"], content: .div(
            .h1("Accounts"),
            FormFields.notice(notice),
            // A table on wide screens; on a phone each row becomes a card (see app.css).
            .div(.class("table-wrap accounts-table"), .table(
                .caption("Everyone with an account"),
                .thead(.tr(.th("Name"), .th("Email"), .th("Role"), .th("Therapist"), .th("Status"), .th(.span(.class("visually-hidden"), "Actions")))),
                .tbody(.forEach(users) { user in
                    .tr(
                        .td(.attribute(named: "data-label", value: "Name"), .text(user.name)),
                        .td(.attribute(named: "data-label", value: "Email"), .text(user.email)),
                        .td(.attribute(named: "data-label", value: "Role"), .text(user.userRole.displayName)),
                        .td(.attribute(named: "data-label", value: "Therapist"),
                            .text(user.userRole == .client ? (therapistNames[user.id] ?? "None") : "—")),
                        .td(.attribute(named: "data-label", value: "Status"),
                            .text(user.isDisabled ? "Disabled" : "Active"),
                            .if(lockedKeys.contains(LoginThrottle.accountKey(user.email)), .text(" · recent failed sign-ins"))),
                        .td(.class("account-actions"), actions(for: user))
                    )
                })
            )),
            .section(
                .attribute(named: "aria-labelledby", value: "new-account"),
                .h2(.id("new-account"), "Create an account"),
                FormFields.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.adminUsers.path),
                    FormFields.csrf(csrfToken),
                    .div(.class("field"),
                         .label(.for("field-role"), "Role"),
                         .select(.id("field-role"), .attribute(named: "name", value: "role"),
                                 .attribute(named: "data-role-select", value: "client"),
                                 .forEach(Role.allCases) { role in
                                     FormFields.option(value: role.rawValue, label: role.displayName,
                                                       selected: (values["role"] ?? "client") == role.rawValue)
                                 })),
                    FormFields.input(name: "name", label: "Name", value: values["name"] ?? "", required: true),
                    FormFields.input(name: "email", label: "Email address", type: .email, value: values["email"] ?? "", required: true),
                    FormFields.input(name: "password", label: "First password", type: .password,
                                     hint: "Share it privately; they can change it under Account.", autocomplete: "new-password", required: true),
                    // Used only when the role is Client; account-links.js hides it otherwise.
                    .div(.attribute(named: "data-for-role", value: "client"),
                         FormFields.input(name: "therapistEmail", label: "Therapist's email (for clients only)",
                                          type: .email, value: values["therapistEmail"] ?? (therapists.count == 1 ? therapists[0].email : ""),
                                          hint: "A client belongs to one therapist, who is the only one who can see what they share. Left unused for other roles.")),
                    .button(.type(.submit), .class("button primary"), "Create account")
                )
            )
        )).render()
    }

    private func actions(for user: User) -> Node<HTML.BodyContext> {
        .if(user.id != admin.id, .div(
            .class("action-list"),
            .a(.class("link-button"), .href(SiteURL.adminUserEdit(user.id).path), .text("Manage"),
               .span(.class("visually-hidden"), .text(" \(user.name)"))),
            .if(user.userRole == .therapist,
                .a(.class("link-button"), .href(SiteURL.adminUserContact(user.id).path), .text("Contact details"),
                   .span(.class("visually-hidden"), .text(" for \(user.name)")))),
            .if(lockedKeys.contains(LoginThrottle.accountKey(user.email)), .form(
                .class("inline-form"), .method(.post), .action(SiteURL.adminUserUnlock(user.id).path),
                FormFields.csrf(csrfToken),
                .button(.type(.submit), .class("link-button"), .text("Unlock sign-in"),
                        .span(.class("visually-hidden"), .text(" for \(user.name)"))))),
            .form(
                .class("inline-form"), .method(.post),
                .action(user.isDisabled ? SiteURL.adminUserEnable(user.id).path : SiteURL.adminUserDisable(user.id).path),
                FormFields.csrf(csrfToken),
                .button(.type(.submit), .class("link-button"),
                        .text(user.isDisabled ? "Enable" : "Disable"),
                        .span(.class("visually-hidden"), .text(" \(user.name)"))))
        ))
    }
}

/// One account, managed by an administrator: name and email, a client's therapist, a reset link.
struct AdminEditAccountPage {
    var admin: User
    var csrfToken: String
    var user: User
    var therapists: [User]
    var values: [String: String] = [:]
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Manage an account", user: admin, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.adminUsers.path), "← Accounts")),
            .h1(.text("Manage \(user.name)'s account")),
            .p(.class("meta"), .text("\(user.userRole.displayName) · \(user.isDisabled ? "Disabled" : "Active")")),
            FormFields.errorSummary(errors),
            .section(.attribute(named: "aria-labelledby", value: "details"),
                     .h2(.id("details"), "Name and email"),
                     .form(.method(.post), .action(SiteURL.adminUserEdit(user.id).path),
                           FormFields.csrf(csrfToken),
                           FormFields.input(name: "name", label: "Name", value: values["name"] ?? user.name, required: true),
                           FormFields.input(name: "email", label: "Email address", type: .email, value: values["email"] ?? user.email,
                                            hint: "They sign in with it.", required: true),
                           .button(.type(.submit), .class("button primary"), "Save name and email"))),
            .if(user.userRole == .client, .section(
                .attribute(named: "aria-labelledby", value: "handover"),
                .h2(.id("handover"), "Therapist"),
                .p("Moving a client hands them over: the new therapist sees only what the client shares, and the previous therapist no longer sees anything. The client is told the next time they sign in."),
                .form(.method(.post), .action(SiteURL.adminUserTherapist(user.id).path),
                      FormFields.csrf(csrfToken),
                      .div(.class("field"),
                           .label(.for("field-therapistID"), "Their therapist"),
                           .select(.id("field-therapistID"), .attribute(named: "name", value: "therapistID"),
                                   .forEach(therapists) { therapist in
                                       FormFields.option(value: therapist.id, label: "\(therapist.name) (\(therapist.email))",
                                                         selected: therapist.id == user.therapistId)
                                   })),
                      .button(.type(.submit), .class("button"), "Move to this therapist")))),
            .if(user.userRole == .client, .section(.attribute(named: "aria-labelledby", value: "emergency"),
                     .h2(.id("emergency"), "Emergency access"),
                     .p("Only when a client may be at risk and their therapist can't be reached: open their safety plan for a short time, with a recorded reason."),
                     .p(.a(.href(SiteURL.adminEmergency(user.id).path), "Emergency access to the safety plan")))),
            .section(.attribute(named: "aria-labelledby", value: "reset"),
                     .h2(.id("reset"), "Forgotten password"),
                     .p(.text("Make a one-time link with which they choose a new password. It works for \(OneTimeLinkLifetime.passwordResetWords). Using it signs them out everywhere; everything they have written stays as it was.")),
                     .form(.method(.post), .action(SiteURL.adminUserResetLink(user.id).path),
                           FormFields.csrf(csrfToken),
                           .button(.type(.submit), .class("button"), "Make a password reset link")))
        )).render()
    }
}

/// An administrator sets the number and hours a therapist's clients are offered in their plans.
struct AdminPracticeContactPage {
    var admin: User
    var csrfToken: String
    var therapist: User
    var contact: PracticeContact
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Contact details", user: admin, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.adminUsers.path), "← Accounts")),
            .h1(.text("How \(therapist.name)'s clients can reach them")),
            .p("Their clients are offered this number and these hours, with the therapist's name, in the professionals step of their safety plan. The therapist can change them on their account page too."),
            FormFields.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.adminUserContact(therapist.id).path),
                  FormFields.csrf(csrfToken),
                  FormFields.input(name: "phone", label: "Phone number for clients", type: .tel, value: contact.phone, autocomplete: "off"),
                  FormFields.input(name: "hours", label: "When it is answered", value: contact.hours,
                                   hint: "For example: Monday to Friday, 9am to 5pm. Say if it isn't for emergencies."),
                  .button(.type(.submit), .class("button primary"), "Save contact details"))
        )).render()
    }
}
