import Foundation
import Plot
import ToolkitCore

struct AccountPage {
    var user: User
    var csrfToken: String
    var notice: String?
    var passwordErrors: [String] = []
    var secondFactorErrors: [String] = []
    var eraseErrors: [String] = []
    var secondFactorRequired: Bool
    var practiceContact: PracticeContact?
    var practiceContactErrors: [String] = []
    var timeZoneErrors: [String] = []

    static func notices(_ key: String) -> String? {
        switch key {
        case "password": "Your password has been changed. You've been signed out everywhere else."
        case "second-factor-on": "Two-step sign-in is on. You'll be asked for a code each time you sign in."
        case "second-factor-off": "Two-step sign-in is off."
        case "time-zone": "Saved. Dates and times are now shown in your time zone."
        case "practice-contact": "Your contact details are saved. Your clients will be offered them when they next edit their safety plan."
        default: nil
        }
    }

    func render() -> String {
        PageLayout(title: "Your account", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1("Your account"),
            FormFields.notice(notice),
            .dl(.class("facts"),
                .dt("Name"), .dd(.text(user.name)),
                .dt("Email"), .dd(.text(user.email)),
                .dt("Role"), .dd(.text(user.userRole.displayName))),
            .section(
                .attribute(named: "aria-labelledby", value: "password-heading"),
                .h2(.id("password-heading"), "Change your password"),
                .p("Changing your password signs you out on every other device."),
                FormFields.errorSummary(passwordErrors),
                .form(
                    .method(.post), .action(SiteURL.accountPassword.path),
                    FormFields.csrf(csrfToken),
                    FormFields.input(name: "currentPassword", label: "Current password", type: .password,
                                     autocomplete: "current-password", required: true),
                    FormFields.input(name: "newPassword", label: "New password", type: .password,
                                     hint: "At least 8 characters. Long passphrases are welcome.", autocomplete: "new-password", required: true),
                    FormFields.input(name: "confirmPassword", label: "New password again", type: .password,
                                     autocomplete: "new-password", required: true),
                    .button(.type(.submit), .class("button"), "Change password")
                )
            ),
            timeZoneSection,
            .if(user.userRole == .client, .section(
                .attribute(named: "aria-labelledby", value: "reminders-heading"),
                .h2(.id("reminders-heading"), "Reminders"),
                .p("A quiet “Practice time” in your phone's own calendar, at a time you choose."),
                .p(.a(.href(SiteURL.reminders.path), "Set up reminders"))
            )),
            .if(user.userRole == .therapist, practiceContactSection),
            .if(user.userRole.canUseSecondFactor, secondFactorSection),
            signOutEverywhereSection,
            dataSection
        )).render()
    }

    /// Every zone the system knows, the person's own selected; with none chosen yet, app.js
    /// selects the browser's.
    private var timeZoneSection: Node<HTML.BodyContext> {
        let current = user.timeZone ?? ""
        return .section(
            .attribute(named: "aria-labelledby", value: "time-zone-heading"),
            .h2(.id("time-zone-heading"), "Time zone"),
            .p(.text(current.isEmpty
                ? "Dates and times are shown in UTC until you choose your time zone."
                : "Dates and times are shown in \(current) time.")),
            FormFields.errorSummary(timeZoneErrors),
            .form(
                .method(.post), .action(SiteURL.accountTimeZone.path),
                FormFields.csrf(csrfToken),
                .div(.class("field"),
                     .label(.for("field-timeZone"), "My time zone"),
                     .element(named: "select", nodes: [
                        .id("field-timeZone"), .attribute(named: "name", value: "timeZone"),
                        .attribute(named: "data-guess-time-zone", value: current.isEmpty ? "select" : nil),
                        .forEach(DisplayTime.choices) { identifier in
                            .element(named: "option", nodes: [
                                .attribute(named: "value", value: identifier),
                                .attribute(named: "selected", value: identifier == current ? "selected" : nil),
                                .text(identifier.replacingOccurrences(of: "_", with: " ")),
                            ])
                        },
                     ])),
                .button(.type(.submit), .class("button"), "Save time zone")
            )
        )
    }

    private var practiceContactSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "practice-contact-heading"),
            .h2(.id("practice-contact-heading"), "How your clients can reach you"),
            .p("Your clients are offered your name, this number and these hours in the professionals step of their safety plan, ready to edit. Leave both empty to offer nothing."),
            FormFields.errorSummary(practiceContactErrors),
            .form(.method(.post), .action(SiteURL.accountPracticeContact.path),
                  FormFields.csrf(csrfToken),
                  FormFields.input(name: "phone", label: "Phone number for clients", type: .tel, value: practiceContact?.phone ?? "",
                                   hint: "The practice's number, or one you give clients for appointments.", autocomplete: "tel"),
                  FormFields.input(name: "hours", label: "When it is answered", value: practiceContact?.hours ?? "",
                                   hint: "For example: Monday to Friday, 9am to 5pm. Say if it isn't for emergencies."),
                  .button(.type(.submit), .class("button"), "Save contact details"))
        )
    }

    private var signOutEverywhereSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "everywhere-heading"),
            .h2(.id("everywhere-heading"), "Sign out everywhere"),
            .p("Lost a phone, or signed in on a computer other people use? This signs you out on every device and browser, this one included, and ends any app tokens."),
            .form(.method(.post), .action(SiteURL.accountSignOutEverywhere.path),
                  FormFields.csrf(csrfToken),
                  .button(.type(.submit), .class("button"), "Sign out everywhere"))
        )
    }

    private var dataSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "my-data"),
            .h2(.id("my-data"), "Your data"),
            .p("You can take a copy of everything the toolkit holds about you at any time."),
            .ul(.class("action-list"),
                .li(.a(.class("button"), .href(SiteURL.accountExport.path), "Download my data (JSON)")),
                .li(.a(.class("button"), .href("/account/export/print"), "See it as a printable page"))),
            .if(user.userRole == .client, .p(.a(.href(SiteURL.accountAccess.path), "Who saw my data"))),
            .if(user.userRole == .client, .group(
                .h3("Erase my account"),
                .p("This deletes your account, your safety plan and everything you wrote, for good. It can't be undone, so you might like to download a copy first."),
                FormFields.errorSummary(eraseErrors),
                .form(.method(.post), .action("/account/erase"),
                      FormFields.csrf(csrfToken),
                      FormFields.input(name: "currentPassword", label: "Current password", type: .password,
                                       autocomplete: "current-password", required: true, id: "erase-current-password"),
                      .div(.class("field"), .label(.class("choice"), .input(.type(.checkbox), .name("confirm"), .value("erase")),
                                                   .text(" I understand this erases my account and everything in it"))),
                      .button(.type(.submit), .class("button"), "Erase my account"))
            ))
        )
    }

    private var secondFactorSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "second-factor-heading"),
            .h2(.id("second-factor-heading"), "Two-step sign-in"),
            .if(user.hasSecondFactor,
                .group(
                    .p("Two-step sign-in is on: you enter a code from your authenticator app after your password."),
                    FormFields.errorSummary(secondFactorErrors),
                    .if(!secondFactorRequired, .form(
                        .method(.post), .action(SiteURL.accountSecondFactorDisable.path),
                        FormFields.csrf(csrfToken),
                        FormFields.input(name: "currentPassword", label: "Current password", type: .password,
                                         autocomplete: "current-password", required: true, id: "second-factor-current-password"),
                        FormFields.input(name: "code", label: "Current code", autocomplete: "one-time-code", required: true,
                                         inputMode: "numeric"),
                        .button(.type(.submit), .class("button"), "Turn off two-step sign-in")
                    ))
                ),
                else: .group(
                    .p(secondFactorRequired
                        ? "This practice asks everyone who works with client records to use two-step sign-in. Please set it up now."
                        : "Add a second step to signing in: a code from an authenticator app on your phone."),
                    .a(.class("button primary"), .href(SiteURL.accountSecondFactor.path), "Set up two-step sign-in")
                ))
        )
    }
}

struct SecondFactorSetupPage {
    var user: User
    var csrfToken: String
    var secret: String
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Set up two-step sign-in", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1("Set up two-step sign-in"),
            .ol(
                .li("Open an authenticator app on your phone and choose to add an account by entering a key."),
                .li(.text("Enter this key: "), .code(.class("secret-key"), .text(SecondFactor.displayKey(secret))),
                    .text(". It is time-based, with 6 digits.")),
                .li("Enter the code the app shows, with your current password, below.")
            ),
            .p(.class("muted"), .text("Some apps also accept this link: "),
               .code(.class("wrap-anywhere"), .text(SecondFactor.authenticatorURL(secret: secret, email: user.email)))),
            FormFields.errorSummary(errors),
            .form(
                .method(.post), .action(SiteURL.accountSecondFactor.path),
                FormFields.csrf(csrfToken),
                .input(.type(.hidden), .name("secret"), .safeValue(secret)),
                FormFields.input(name: "code", label: "Code from your app", autocomplete: "one-time-code", required: true,
                                 inputMode: "numeric"),
                FormFields.input(name: "currentPassword", label: "Current password", type: .password,
                                 autocomplete: "current-password", required: true),
                .button(.type(.submit), .class("button primary"), "Turn on two-step sign-in")
            )
        )).render()
    }
}
