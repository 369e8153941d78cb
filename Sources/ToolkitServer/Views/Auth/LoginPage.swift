import Plot

struct LoginPage {
    var csrfToken: String
    var email: String = ""
    var error: String?
    var notice: String?
    /// A form typed before the session ended, carried through sign-in.
    var held: HeldForm?

    func render() -> String {
        PageLayout(title: "Sign in", user: nil, content: .div(
            .class("narrow"),
            .h1("Sign in"),
            FormFields.notice(notice),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(
                .method(.post), .action(SiteURL.login.path),
                FormFields.csrf(csrfToken),
                // app.js fills in the browser's time zone: the first guess at the person's own.
                .input(.type(.hidden), .name("timeZone"), .attribute(named: "data-guess-time-zone", value: "value")),
                .unwrap(held) { $0.hiddenInputs },
                FormFields.input(name: "email", label: "Email address", type: .email, value: email,
                                 autocomplete: "username", required: true),
                FormFields.input(name: "password", label: "Password", type: .password,
                                 autocomplete: "current-password", required: true),
                .button(.type(.submit), .class("button primary"), "Sign in")
            ),
            .p(.class("muted"), "Forgotten your password? Your therapist or the practice's administrator can give you a one-time link to choose a new one."),
            .p(.class("muted"), "Invited by your therapist? ", .a(.href(SiteURL.join.path), "Join with your code"), "."),
            .p(.a(.href(SiteURL.library.path), "Browse the library"), " without signing in.")
        )).render()
    }
}

struct SecondFactorPage {
    var csrfToken: String
    var error: String?
    var held: HeldForm?

    func render() -> String {
        PageLayout(title: "Enter your code", user: nil, content: .div(
            .class("narrow"),
            .h1("Enter your code"),
            .p("Open your authenticator app and enter the six-digit code it shows for the Self-Compassion Toolkit."),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(
                .method(.post), .action(SiteURL.loginSecondFactor.path),
                FormFields.csrf(csrfToken),
                .unwrap(held) { $0.hiddenInputs },
                FormFields.input(name: "code", label: "Six-digit code", autocomplete: "one-time-code", required: true,
                                 inputMode: "numeric"),
                .button(.type(.submit), .class("button primary"), "Continue")
            )
        )).render()
    }
}

struct SetupPage {
    var csrfToken: String
    var values: [String: String] = [:]
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Set up the toolkit", user: nil, content: .div(
            .class("narrow"),
            .h1("Set up the toolkit"),
            .p("Create the first administrator account. You need the setup code that the server printed when it started. Once an administrator exists, this page closes for good."),
            FormFields.errorSummary(errors),
            .form(
                .method(.post), .action(SiteURL.setup.path),
                FormFields.csrf(csrfToken),
                FormFields.input(name: "setupCode", label: "Setup code", value: values["setupCode"] ?? "",
                                 hint: "Printed in the server's console at start-up.", autocomplete: "off", required: true),
                FormFields.input(name: "name", label: "Your name", value: values["name"] ?? "", autocomplete: "name", required: true),
                FormFields.input(name: "email", label: "Email address", type: .email, value: values["email"] ?? "",
                                 autocomplete: "username", required: true),
                FormFields.input(name: "password", label: "Password",
                                 type: .password, hint: "At least 8 characters; a few words strung together make a strong password.",
                                 autocomplete: "new-password", required: true),
                .button(.type(.submit), .class("button primary"), "Create administrator")
            )
        )).render()
    }
}
