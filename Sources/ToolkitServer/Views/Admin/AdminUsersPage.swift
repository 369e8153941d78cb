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

    func render() -> String {
        let therapists = users.filter { $0.userRole == .therapist }
        return PageLayout(title: "Accounts", user: admin, csrfToken: csrfToken, content: .div(
            .h1("Accounts"),
            FormFields.notice(notice),
            .div(.class("table-wrap"), .table(
                .caption("Everyone with an account"),
                .thead(.tr(.th("Name"), .th("Email"), .th("Role"), .th("Status"), .th(.span(.class("visually-hidden"), "Actions")))),
                .tbody(.forEach(users) { user in
                    .tr(
                        .td(.text(user.name)), .td(.text(user.email)), .td(.text(user.userRole.displayName)),
                        .td(.text(user.isDisabled ? "Disabled" : "Active")),
                        .td(.if(user.userRole == .therapist,
                                .a(.class("link-button"), .href(SiteURL.adminUserContact(user.id).path), .text("Contact details"),
                                   .span(.class("visually-hidden"), .text(" for \(user.name)")))),
                            .if(user.id != admin.id, .form(
                            .class("inline-form"), .method(.post),
                            .action(user.isDisabled ? SiteURL.adminUserEnable(user.id).path : SiteURL.adminUserDisable(user.id).path),
                            FormFields.csrf(csrfToken),
                            .button(.type(.submit), .class("link-button"),
                                    .text(user.isDisabled ? "Enable" : "Disable"),
                                    .span(.class("visually-hidden"), .text(" \(user.name)")))
                        )))
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
                                 .forEach(Role.allCases) { role in
                                     FormFields.option(value: role.rawValue, label: role.displayName,
                                                       selected: (values["role"] ?? "client") == role.rawValue)
                                 })),
                    FormFields.input(name: "name", label: "Name", value: values["name"] ?? "", required: true),
                    FormFields.input(name: "email", label: "Email address", type: .email, value: values["email"] ?? "", required: true),
                    FormFields.input(name: "password", label: "First password", type: .password,
                                     hint: "Share it privately; they can change it under Account.", autocomplete: "new-password", required: true),
                    FormFields.input(name: "therapistEmail", label: "Therapist's email (for clients)",
                                     type: .email, value: values["therapistEmail"] ?? (therapists.count == 1 ? therapists[0].email : ""),
                                     hint: "A client belongs to one therapist, who is the only one who can see what they share."),
                    .button(.type(.submit), .class("button primary"), "Create account")
                )
            )
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
