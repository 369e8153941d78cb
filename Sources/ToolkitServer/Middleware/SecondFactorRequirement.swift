/// Where the deployment requires it, therapists and admins without a second factor can reach
/// only the pages that set one up (and sign-out) until they have done so.
enum SecondFactorRequirement {
    static let allowedPaths: Set<String> = [
        SiteURL.account.path, SiteURL.accountSecondFactor.path, SiteURL.logout.path, SiteURL.accountSignOutEverywhere.path, SiteURL.crisis.path, SiteURL.healthz.path,
    ]

    static func blocks(_ user: User, path: String) -> Bool {
        user.userRole.canUseSecondFactor && !user.hasSecondFactor && !allowedPaths.contains(path) && !path.hasPrefix("/static/")
    }
}
