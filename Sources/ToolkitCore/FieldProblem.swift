/// Something that keeps typed input from being kept, and the form field it is about, so a page
/// can show the sentence beside that field (and an API can name it). Every kind of entry reports
/// its problems this way.
public struct FieldProblem: Equatable, Sendable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
