import Foundation

/// A new empty folder under the system's temporary folder, for a test to write into and remove.
func temporaryFolder(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(name)-\(UUID())").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
}
