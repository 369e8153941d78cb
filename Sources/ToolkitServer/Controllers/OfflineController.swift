import Hummingbird
import ToolkitCore

/// The anonymous pages the service worker shows in place of My safety plan and I'm struggling
/// when the app can't be reached. They never look at who is asking, so they are the same for
/// everyone, kept rendered in memory (re-rendered when the crisis lines change) and cacheable.
struct OfflineController {
    let safetyPlan: CrisisPageCache
    let struggling: CrisisPageCache

    init(services: AppServices) {
        let isSecure = services.configuration.isSecure
        let grounding = services.library.item("grounding-5-4-3-2-1")
        safetyPlan = CrisisPageCache(isSecure: isSecure, lines: { services.crisisLines.lines() },
                                     render: { OfflinePages.safetyPlan(lines: $0) })
        struggling = CrisisPageCache(isSecure: isSecure, lines: { services.crisisLines.lines() },
                                     render: { OfflinePages.struggling(lines: $0, grounding: grounding) })
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.offlineSafetyPlan.path)) { [safetyPlan] request, _ in
            RenderedPageCache.respond(try safetyPlan.page(), request: request)
        }
        router.get(RouterPath(SiteURL.offlineStruggling.path)) { [struggling] request, _ in
            RenderedPageCache.respond(try struggling.page(), request: request)
        }
    }
}
