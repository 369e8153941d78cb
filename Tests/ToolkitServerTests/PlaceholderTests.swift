import Testing
import HummingbirdTesting
@testable import ToolkitServer
@Test func placeholder() { #expect(true) }
