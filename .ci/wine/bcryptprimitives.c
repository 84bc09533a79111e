/*
 * A stand-in for Windows' bcryptprimitives.dll, for the smoke test under wine ONLY.
 *
 * Rust's standard library (since 1.78) gets its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has but wine 8 (Debian 12) does not:
 * without it the executable cannot even start there (exit status 53). This file gives wine
 * that one function, built on RtlGenRandom (advapi32's SystemFunction036).
 *
 * .ci/windows builds it into a temporary directory next to a copy of the executable. It is
 * never built into target/, never put into dist/ and never shipped: on real Windows the
 * system's own DLL must be used.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
