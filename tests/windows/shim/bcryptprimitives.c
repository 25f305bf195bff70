/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks. Rust's std (1.78+) and
 * the getrandom crate import ProcessPrng from it, so without this every Rust .exe fails to load
 * under Wine. Real Windows (8.1 and later) has the DLL: this file is never shipped, only put beside
 * the test binaries by tests/windows/wine-run.sh. ProcessPrng is forwarded to RtlGenRandom
 * (advapi32's SystemFunction036), which Wine implements with the host's random source. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng takes a SIZE_T length, RtlGenRandom a ULONG one: fill in ULONG-sized pieces. It is
 * documented to always return TRUE, so a failure here aborts rather than returning stale bytes. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            ExitProcess(0xC0000001);
        data += piece;
        length -= piece;
    }
    return TRUE;
}
