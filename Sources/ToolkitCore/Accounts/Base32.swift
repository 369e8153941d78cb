/// RFC 4648 base32 without padding, as authenticator apps expect for a shared secret.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer = 0
        var bitsLeft = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bitsLeft += 8
            while bitsLeft >= 5 {
                output.append(alphabet[(buffer >> (bitsLeft - 5)) & 31])
                bitsLeft -= 5
            }
        }
        if bitsLeft > 0 {
            output.append(alphabet[(buffer << (5 - bitsLeft)) & 31])
        }
        return output
    }
}
