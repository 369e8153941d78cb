import Plot

/// Where a one-time reset link lands: a new password for the account it was made for.
struct PasswordResetPage {
    var csrfToken: String
    var token: String
    var name: String
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Choose a new password", user: nil, content: .div(
            .class("narrow"),
            .h1("Choose a new password"),
            .p(.text("This sets a new password for \(name)'s account. Everything kept in it stays as it was. Any device still signed in will be signed out, so you'll sign in again with the new password.")),
            FormFields.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.passwordReset.path),
                  FormFields.csrf(csrfToken),
                  .input(.type(.hidden), .name("token"), .safeValue(token)),
                  FormFields.input(name: "password", label: "New password", type: .password,
                                   hint: "At least 8 characters; a few words strung together make a strong password.",
                                   error: errors.first, autocomplete: "new-password", required: true),
                  .button(.type(.submit), .class("button primary"), "Set my new password"))
        )).render()
    }
}
