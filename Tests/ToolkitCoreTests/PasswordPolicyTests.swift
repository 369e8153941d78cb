import Testing
import ToolkitCore

/// Checklist 6: length rules only, bcrypt's 72-byte limit enforced, common passwords refused.
@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test func sevenCharactersAreTooShortAndEightAreEnough() {
        #expect(policy.problem(with: "kq7#mzp") == .tooShort)
        #expect(policy.problem(with: "kq7#mzpw") == nil)
    }

    @Test(arguments: ["alllowercaseletters", "ALL CAPS WITH SPACES", "just some words", "12 9 44 81 70"])
    func noCompositionRules(_ password: String) {
        #expect(policy.problem(with: password) == nil)
    }

    @Test func aSixtyCharacterPassphraseIsWelcome() {
        let passphrase = "the quiet harbour keeps its lamps lit through winter storms."
        #expect(passphrase.count == 60)
        #expect(policy.problem(with: passphrase) == nil)
    }

    @Test func theLimitIsSeventyTwoBytesNotCharacters() {
        #expect(policy.problem(with: String(repeating: "a", count: 72)) == nil)
        #expect(policy.problem(with: String(repeating: "a", count: 73)) == .tooLong)
        // 19 characters, but 76 bytes in UTF-8: bcrypt would cut it, so it is refused.
        let emoji = String(repeating: "🙂", count: 19)
        #expect(emoji.count < PasswordPolicy.maximumBytes)
        #expect(policy.problem(with: emoji) == .tooLong)
        // 36 two-byte letters are exactly 72 bytes.
        #expect(policy.problem(with: String(repeating: "é", count: 36)) == nil)
    }

    @Test(arguments: ["password", "Password123", "12345678", "iloveyou", "SelfCompassion"])
    func commonPasswordsAreRefusedWhateverTheirCase(_ password: String) {
        #expect(policy.problem(with: password) == .tooCommon)
    }

    @Test func thePasswordMayNotBeTheEmailAddress() {
        #expect(policy.problem(with: "sam.jones@example.org", email: "Sam.Jones@example.org") == .matchesEmail)
        #expect(policy.problem(with: "sam.jones", email: "sam.jones@example.org") == .matchesEmail)
        #expect(policy.problem(with: "a long enough passphrase", email: "sam.jones@example.org") == nil)
    }

    @Test func everyProblemExplainsWhatToDo() {
        for problem in [PasswordPolicy.Problem.tooShort, .tooLong, .tooCommon, .matchesEmail] {
            #expect(problem.description.hasPrefix("Please") || problem.description.contains("Please"))
        }
    }
}
