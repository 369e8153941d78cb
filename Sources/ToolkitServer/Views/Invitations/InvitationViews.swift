import Foundation
import Plot
import ToolkitCore

/// A therapist's open invitations, and the form that makes a new one.
struct InvitationsPage {
    var therapist: User
    var csrfToken: String
    var invitations: [AccountLinkStore.Link]
    /// The therapist's clients, any of whom may need a password reset link.
    var clients: [User] = []
    var now: Date
    var label: String = ""
    var errors: [String] = []
    var notice: String?

    func render() -> String {
        PageLayout(title: "Invitations", user: therapist, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.clients.path), "← My clients")),
            .h1("Invite a client"),
            .p("An invitation is a one-time link, with a short code for typing on a phone. The person who opens it chooses their own name and password and becomes your client. Each invitation works once and lasts \(OneTimeLinkLifetime.invitationWords)."),
            FormFields.notice(notice),
            FormFields.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.clientInvitations.path),
                  FormFields.csrf(csrfToken),
                  FormFields.input(name: "label", label: "A note so you know who it's for (optional)", value: label,
                                   hint: "Only you see this, never the person you invite. Up to \(AccountLinkStore.maximumLabelLength) characters.",
                                   error: errors.first, autocomplete: "off"),
                  .button(.type(.submit), .class("button primary"), "Make an invitation link")),
            .section(.attribute(named: "aria-labelledby", value: "open-invitations"),
                     .h2(.id("open-invitations"), "Waiting to be used"),
                     .if(invitations.isEmpty,
                         .p(.class("muted"), "No invitations are waiting."),
                         else: .ul(.class("card-list"), .forEach(invitations) { invitation in row(invitation) })),
                     .p(.class("muted"), "For privacy, a link is shown only when it is made. If one is lost, renew the invitation for a new link and code; the old ones stop working.")),
            .if(!clients.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "reset-links"),
                .h2(.id("reset-links"), "A client forgot their password"),
                .p(.text("Make a one-time link with which they choose a new password. It works for \(OneTimeLinkLifetime.passwordResetWords). Using it signs them out everywhere; everything they have written stays as it was.")),
                .ul(.class("card-list"), .forEach(clients) { client in
                    .li(.class("card"),
                        .form(.class("inline-form"), .method(.post), .action(SiteURL.clientResetLink(client.id).path),
                              FormFields.csrf(csrfToken),
                              .button(.type(.submit), .class("button"), .text("Reset link for \(client.name)"))))
                })))
        )).render()
    }

    private func row(_ invitation: AccountLinkStore.Link) -> Node<HTML.ListContext> {
        let expired = invitation.expires <= now
        let name = invitation.label.isEmpty ? "Invitation" : invitation.label
        return .li(.class("card"),
                   .h3(.text(name)),
                   .p(.class("meta"), .text("Made \(DisplayTime.dayText(invitation.created)) · "),
                      .text(expired ? "expired \(DisplayTime.dayText(invitation.expires))" : "works until \(DisplayTime.dayText(invitation.expires))")),
                   .div(.class("action-list"),
                        .form(.class("inline-form"), .method(.post), .action(SiteURL.clientInvitationRenew(invitation.id).path),
                              FormFields.csrf(csrfToken),
                              .button(.type(.submit), .class("button"), .text("Renew"),
                                      .span(.class("visually-hidden"), .text(" \(name)")))),
                        .form(.class("inline-form"), .method(.post), .action(SiteURL.clientInvitationRevoke(invitation.id).path),
                              FormFields.csrf(csrfToken),
                              .button(.type(.submit), .class("button"), .text("Withdraw"),
                                      .span(.class("visually-hidden"), .text(" \(name)"))))))
    }
}

/// The moment a link exists: shown once, to copy and send however the practice usually does.
struct IssuedLinkPage {
    var user: User
    var csrfToken: String
    var heading: String
    var explanation: String
    var link: String
    var code: String?
    var expires: Date
    var lifetimeWords: String
    var backPath: String
    var backLabel: String

    func render() -> String {
        PageLayout(title: heading, user: user, csrfToken: csrfToken, scripts: ["account-links.js"], content: .div(
            .class("narrow issued-link"),
            .p(.class("meta"), .a(.safeAttribute(named: "href", value: backPath), .text("← \(backLabel)"))),
            .h1(.text(heading)),
            .p(.text(explanation)),
            .div(.class("card"),
                 .h2(.class("h3"), "The link"),
                 .p(.class("copy-text"), .id("issued-link"), .text(link)),
                 .button(.type(.button), .class("button"), .attribute(named: "hidden", value: "hidden"),
                         .attribute(named: "data-copy", value: "issued-link"), "Copy link"),
                 .unwrap(code) { code in
                     .group(.h2(.class("h3"), "Or the code, to type at \(SiteURL.join.path)"),
                            .p(.class("copy-text one-time-code"), .text(OneTimeCode.grouped(code))))
                 },
                 .p(.class("meta"), .text("Works once, for \(lifetimeWords): until \(DisplayTime.text(expires))."))),
            .p("This page shows it only now. Send it the way you would send anything private, such as your practice's secure messages; if it goes astray, withdraw it or make a new one.")
        )).render()
    }
}

/// A page for a link that can't be used, saying why in plain words and what to do next.
struct LinkUnusablePage {
    var reason: AccountLinkStore.Unusable
    var purpose: AccountLinkStore.Purpose

    func render() -> String {
        let who = purpose == .invitation ? "the therapist who invited you" : "your therapist or the practice's administrator"
        let what: String = switch reason {
        case .notFound: "This link isn't one we recognise. It may have been copied only in part."
        case .used: "This link has already been used, so it can't be used again."
        case .revoked: "This link was withdrawn, so it no longer works."
        case .expired: "This link has run out of time. Links last a short while, to keep accounts safe."
        }
        return PageLayout(title: "This link doesn't work", user: nil, content: .div(
            .class("narrow"),
            .h1("This link doesn't work"),
            .p(.text(what)),
            .p(.text("Nothing is wrong with you or what you did. Please ask \(who) for a new one.")),
            .if(purpose == .invitation && reason == .used,
                .p("If you made your account with it already, you can ", .a(.href(SiteURL.login.path), "sign in"), ".")),
            .p(.a(.href(SiteURL.crisis.path), "Need help now"), " works without an account.")
        )).render()
    }
}

/// Where someone types the code their therapist gave them.
struct JoinCodePage {
    var csrfToken: String
    var code: String = ""
    var error: String?

    func render() -> String {
        PageLayout(title: "Join with a code", user: nil, content: .div(
            .class("narrow"),
            .h1("Join with a code"),
            .p("If your therapist gave you a code, type it here to make your account. It looks like K7QM-3XPD; small letters and spaces are fine."),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.join.path),
                  FormFields.csrf(csrfToken),
                  FormFields.input(name: "code", label: "Your code", value: code, error: error, autocomplete: "off", required: true),
                  .button(.type(.submit), .class("button primary"), "Continue")),
            .p(.class("muted"), "Already have an account? ", .a(.href(SiteURL.login.path), "Sign in"), ".")
        )).render()
    }
}

/// The welcome an invited person sees: who invited them, and their own name and password to choose.
struct JoinWelcomePage {
    var csrfToken: String
    var therapistName: String
    /// Exactly one of these identifies the invitation.
    var token: String?
    var code: String?
    var values: [String: String] = [:]
    var errors: [String] = []

    func render() -> String {
        PageLayout(title: "Welcome", user: nil, content: .div(
            .class("narrow"),
            .h1("Welcome"),
            .p(.class("lead"), .text("\(therapistName) has invited you to the Self-Compassion Toolkit.")),
            .p("It's a private space for practices, a journal and a safety plan. What you write stays private unless you choose to share it with your therapist."),
            FormFields.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.joinAccept.path),
                  FormFields.csrf(csrfToken),
                  .unwrap(token) { .input(.type(.hidden), .name("token"), .safeValue($0)) },
                  .unwrap(code) { .input(.type(.hidden), .name("code"), .safeValue($0)) },
                  // app.js fills in the browser's time zone, as on the sign-in page.
                  .input(.type(.hidden), .name("timeZone"), .attribute(named: "data-guess-time-zone", value: "value")),
                  FormFields.input(name: "name", label: "Your name", value: values["name"] ?? "",
                                   hint: "How you'd like to be called here. Your therapist sees it.", autocomplete: "name", required: true),
                  FormFields.input(name: "email", label: "Email address", type: .email, value: values["email"] ?? "",
                                   hint: "You sign in with it. Nothing is sent to it.", autocomplete: "username", required: true),
                  FormFields.input(name: "password", label: "Choose a password", type: .password,
                                   hint: "At least 8 characters; a few words strung together make a strong password.",
                                   autocomplete: "new-password", required: true),
                  .button(.type(.submit), .class("button primary"), "Make my account"))
        )).render()
    }
}

/// Someone already signed in opened an invitation, which is for making a new account.
struct SignedInJoinPage {
    var user: User
    var csrfToken: String?

    func render() -> String {
        PageLayout(title: "You're already signed in", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1("You're already signed in"),
            .p(.text("You're signed in as \(user.name). An invitation makes a new account, so please sign out first and then open the link or enter the code again.")),
            .p(.a(.href(SiteURL.home.path), "Go to the start page"))
        )).render()
    }
}
