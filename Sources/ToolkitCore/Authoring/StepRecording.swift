import Foundation

/// A therapist's own voice for one step of their guided practice: what may be kept and how its
/// format is recognised. The format is read from the bytes, never taken from what the browser
/// says, so a file is only ever served as the audio it is.
public enum StepRecording {
    /// The most one step's recording may take: about five minutes of speech in a browser's
    /// usual recording format, and a stated limit for uploaded files.
    public static let maximumBytes = 5 * 1024 * 1024
    public static var maximumDescription: String { "\(maximumBytes / 1024 / 1024) MB" }

    public enum Format: String, Sendable, CaseIterable {
        case webm = "audio/webm", ogg = "audio/ogg", mpeg = "audio/mpeg", mp4 = "audio/mp4", wav = "audio/wav"
    }

    /// The audio format of the bytes, or nil when they are not audio this app plays back.
    public static func format(of bytes: some Collection<UInt8>) -> Format? {
        let head = Array(bytes.prefix(12))
        func starts(_ prefix: [UInt8]) -> Bool { head.count >= prefix.count && Array(head.prefix(prefix.count)) == prefix }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts(Array("OggS".utf8)) { return .ogg }
        if starts(Array("ID3".utf8)) || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0) { return .mpeg }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) { return .mp4 }
        if starts(Array("RIFF".utf8)), head.count >= 12, Array(head[8..<12]) == Array("WAVE".utf8) { return .wav }
        return nil
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLarge, notAudio

        public var message: String {
            switch self {
            case .empty: "The recording is empty. Please record again."
            case .tooLarge: "That recording is over \(StepRecording.maximumDescription). Please record a shorter one, or choose a smaller file."
            case .notAudio: "That file isn't audio this app can play back. WebM, Ogg, MP3, MP4 (M4A) and WAV files work."
            }
        }
    }

    /// The format to keep the bytes as, or why they can't be kept.
    public static func check(_ bytes: some Collection<UInt8>) -> Result<Format, Problem> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maximumBytes { return .failure(.tooLarge) }
        guard let format = format(of: bytes) else { return .failure(.notAudio) }
        return .success(format)
    }

    /// A byte range asked for with an HTTP `Range` header ("bytes=START-END", "bytes=START-",
    /// "bytes=-SUFFIX"), within a body of `length` bytes; nil when it asks for something else or
    /// lies outside the body (answered with the whole body or 416 by the caller).
    public static func range(_ header: String, length: Int) -> ClosedRange<Int>? {
        guard length > 0, header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix > 0 else { return nil }
            return max(0, length - suffix)...(length - 1)
        }
        guard let start = Int(parts[0]), start >= 0, start < length else { return nil }
        if parts[1].isEmpty { return start...(length - 1) }
        guard let end = Int(parts[1]), end >= start else { return nil }
        return start...min(end, length - 1)
    }
}
