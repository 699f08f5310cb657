/*
 * Test prefix only, never shipped: Wine 8.0 has no bcryptprimitives.dll, from which Rust's
 * standard library (1.78 and later) takes its random numbers on Windows (ProcessPrng), so
 * postfach.exe does not start there. Every Windows 10/11 has the real DLL. This stand-in
 * answers ProcessPrng with RtlGenRandom (advapi32's SystemFunction036), which Wine implements.
 * packaging/windows/check-wine.sh builds it with MinGW into the test prefix's system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
