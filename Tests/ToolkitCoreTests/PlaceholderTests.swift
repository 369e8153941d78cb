import Testing
@testable import ToolkitCore
@Test func placeholder() { #expect(ToolkitCoreVersion.value == "0.1.0") }
