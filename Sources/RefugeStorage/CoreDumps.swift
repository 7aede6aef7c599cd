#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A core dump of a process with an open session would hold its answers (and key) in plain text,
/// wherever the system puts crash dumps. The CLI calls this before opening any session.
public enum CoreDumps {
    /// Sets the core file size limit to zero, soft and hard (so the process cannot raise it again).
    public static func disable() throws {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
        #else
        let resource = RLIMIT_CORE
        #endif
        guard setrlimit(resource, &limit) == 0 else {
            throw SystemCallError(operation: "setrlimit", path: "RLIMIT_CORE", code: errno)
        }
    }

    /// The current soft limit on core file size (0 when disabled).
    public static func currentLimit() -> UInt64 {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
        #else
        let resource = RLIMIT_CORE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return .max }
        return UInt64(limit.rlim_cur)
    }
}
