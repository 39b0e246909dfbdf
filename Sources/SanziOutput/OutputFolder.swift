#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folders for outputs.
public enum OutputFolder {
    /// Creates `path` and any missing parents; an existing folder is fine, an existing file
    /// of that name is an error (and is left untouched).
    public static func create(_ path: String) throws(OutputError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw .cannotCreateFolder(path: path, reason: OutputError.systemReason)
            }
            guard isFolder(prefix) else {
                throw .cannotCreateFolder(path: path, reason: "\(prefix) exists and is not a folder")
            }
            prefix += "/"
        }
    }

    /// Whether `path` is an existing folder (following links).
    public static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
