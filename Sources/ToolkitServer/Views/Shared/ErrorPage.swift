import Hummingbird
import Plot

/// A calm page for anything that went wrong, with a way onward.
struct ErrorPage {
    let status: HTTPResponse.Status
    let message: String
    let user: User?
    /// The signed-in person's form token, so the header's Sign out works on an error page too.
    var csrfToken: String? = nil

    var title: String {
        switch status.code {
        case 404: "Page not found"
        case 403: "Not available"
        case 413: "Too much at once"
        case 429: "Please wait a moment"
        case 401: "Please sign in"
        default: status.code >= 500 ? "Something went wrong" : "That didn't work"
        }
    }

    func render() -> String {
        PageLayout(title: title, user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1(.text(title)),
            .p(.text(message)),
            .if(status == .unauthorized, .p(.a(.class("button primary"), .href(SiteURL.login.path), "Sign in"))),
            .p(.a(.href(SiteURL.home.path), "Go to the start page"), " or ",
               .a(.href(SiteURL.crisis.path), "find support now"), ".")
        )).render()
    }
}
