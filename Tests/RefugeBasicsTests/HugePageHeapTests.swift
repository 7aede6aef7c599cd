#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RefugeBasics
import XCTest

/// The heap's start on a huge page (HugePageHeap.swift): the arithmetic that puts the allocator's
/// next chunk on a 2 MB boundary, and, on Linux, what the kernel was told.
final class HugePageHeapTests: XCTestCase {
    let megabytes2 = HugePageHeap.hugePageSize

    func testTheSpacerEndsWhereTheBlockBeginsLessOneChunkHeader() throws {
        for topStart in [0x1000, 0x13_62_8e_e0, 0x5_5555_5550, 0x1_FFFF0, 0x20_0000, 0x20_0010, 0x7f12_3456_7890] {
            let plan = try XCTUnwrap(HugePageHeap.Plan(topStart: topStart), "top at \(topStart)")
            XCTAssertEqual(plan.block % megabytes2, 0, "the block is 2 MB-aligned")
            let spacerChunk = HugePageHeap.Plan.chunkSize(forRequest: plan.spacerRequest)
            // The spacer's chunk starts at the top and the next chunk (16 bytes of header) starts
            // right after it, so the next pointer malloc hands out is the block's first byte.
            XCTAssertEqual(topStart + spacerChunk + 16, plan.block, "top at \(topStart)")
            XCTAssertGreaterThanOrEqual(plan.block - topStart, 64 * 1024, "the margin is kept")
            XCTAssertLessThan(plan.block - topStart, 64 * 1024 + megabytes2, "never more than one huge page of address space")
        }
    }

    func testGlibcsChunkSizes() {
        // malloc.c's request2size on 64-bit systems: the request plus the 8-byte size word,
        // rounded up to 16, and never under 32.
        XCTAssertEqual(HugePageHeap.Plan.chunkSize(forRequest: 0), 32)
        XCTAssertEqual(HugePageHeap.Plan.chunkSize(forRequest: 24), 32)
        XCTAssertEqual(HugePageHeap.Plan.chunkSize(forRequest: 25), 48)
        XCTAssertEqual(HugePageHeap.Plan.chunkSize(forRequest: 1000), 1008)
    }

    func testAnAddressTheAllocatorCouldNotHaveIsRefused() {
        XCTAssertNil(HugePageHeap.Plan(topStart: 0))
        XCTAssertNil(HugePageHeap.Plan(topStart: 0x1008), "chunks are 16-byte aligned")
        XCTAssertNil(HugePageHeap.Plan(topStart: 0x1000, hugePage: 3 << 20), "not a power of two")
    }

    #if os(Linux)
    /// In this very process, which has run other tests first: when its heap has free memory
    /// elsewhere that could take the spacer, `start` leaves it alone (the program calls it first
    /// thing, where the end-to-end test `testAnInterviewStartsItsHeapOnAHugePage` sees it placed);
    /// when it places it, a memory region begins at the block with `hg` (advised for huge pages)
    /// among its flags. A kernel built without transparent huge pages refuses the advice. Either
    /// way the allocator goes on working, before and after `settle`.
    func testStartLeavesABusyHeapAloneOrAdvisesTheBlock() throws {
        let kernelHasHugePages = FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")
        let outcome = HugePageHeap.start(mappingThreshold: 1 << 20)
        defer { HugePageHeap.settle() }
        switch outcome {
        case .unavailable:
            XCTAssertFalse(kernelHasHugePages, "this kernel has transparent huge pages, but the advice was refused")
        case .unexpectedLayout:
            break
        case .advised(let block):
            XCTAssertTrue(kernelHasHugePages, "advised on a kernel without transparent huge pages")
            XCTAssertEqual(block % megabytes2, 0)
            // smaps names a region by its addresses in hex, at least eight digits.
            var start = String(block, radix: 16)
            if start.count < 8 { start = String(repeating: "0", count: 8 - start.count) + start }
            let lines = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile())
                .split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
            let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(start + "-") }, "no memory region begins at the block \(start)")
            let flags = lines[(header + 1)...].first { $0.hasPrefix("VmFlags:") }
            XCTAssertTrue(flags?.split(separator: " ").contains("hg") ?? false, "the block is not advised: \(flags ?? "no flags")")
        }
        for size in [16, 4_000, 300_000, 3_000_000] {
            let bytes = [UInt8](repeating: 7, count: size)
            XCTAssertEqual(bytes.last, 7)
        }
    }
    #endif
}
