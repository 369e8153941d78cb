import Foundation
import ToolkitCore

/// The bodies the API takes, each refusing what its schema in docs/openapi.yaml refuses.
enum APIRequestBodies {
    /// `POST /api/v1/auth/token`
    struct Token: Decodable {
        var email: String
        var password: String

        private enum Keys: String, CodingKey, CaseIterable { case email, password }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            email = try container.decode(String.self, forKey: .email)
            password = try container.decode(String.self, forKey: .password)
        }
    }

    /// `PUT /api/v1/me/safety-plan/sharing`
    struct Sharing: Decodable {
        var shared: Bool

        private enum Keys: String, CodingKey, CaseIterable { case shared }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            shared = try decoder.container(keyedBy: Keys.self).decode(Bool.self, forKey: .shared)
        }
    }

    /// `PUT /api/v1/me/safety-plan`: steps left out read as empty, but a step or reflection
    /// answer sent as null is refused (the schema allows no null), as is any other property.
    struct SafetyPlanBody: Decodable {
        var plan: SafetyPlan

        private struct StepKey: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        private static let reflectionKey = "reflection"

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(SafetyPlanStep.allCases.map(\.rawValue) + [Self.reflectionKey]))
            let container = try decoder.container(keyedBy: StepKey.self)
            var plan = SafetyPlan()
            for step in SafetyPlanStep.allCases {
                plan[step: step] = try container.decodeUnlessAbsent([String].self, forKey: StepKey(stringValue: step.rawValue)) ?? []
            }
            plan.reflection = try container.decodeUnlessAbsent(Reflection.self, forKey: StepKey(stringValue: Self.reflectionKey))?.value
                ?? SafetyPlan.Reflection()
            self.plan = plan
        }

        private struct Reflection: Decodable {
            var value: SafetyPlan.Reflection

            private enum Keys: String, CodingKey, CaseIterable { case likelihood, obstacles, whereKept }

            init(from decoder: any Decoder) throws {
                try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
                let container = try decoder.container(keyedBy: Keys.self)
                value = SafetyPlan.Reflection(
                    likelihood: try container.decodeUnlessAbsent(Int.self, forKey: .likelihood),
                    obstacles: try container.decodeUnlessAbsent(String.self, forKey: .obstacles) ?? "",
                    whereKept: try container.decodeUnlessAbsent(String.self, forKey: .whereKept) ?? "")
            }
        }
    }

    /// `POST /api/v1/me/journal` and `PUT /api/v1/me/journal/{id}`: body required; prompt,
    /// promptSource and feeling optional; nothing else, and no nulls.
    struct JournalBody: Decodable {
        var entry: JournalEntry

        private enum Keys: String, CodingKey, CaseIterable { case body, prompt, promptSource, feeling }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            entry = JournalEntry(body: try container.decode(String.self, forKey: .body),
                                 prompt: try container.decodeUnlessAbsent(String.self, forKey: .prompt) ?? "",
                                 promptSource: try container.decodeUnlessAbsent(String.self, forKey: .promptSource) ?? "",
                                 feeling: try container.decodeUnlessAbsent(String.self, forKey: .feeling) ?? "")
        }
    }
}
