using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

internal static class PlaywrightDefaults
{
    /// <summary>
    /// Expectations poll for up to 20 s instead of Playwright's 5: the demo, Chromium and the other test
    /// assemblies share two cores, and a CI machine can be slower still. A passing expectation returns as soon
    /// as it holds, so this costs time only when a test is failing anyway.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Assertions.SetDefaultExpectTimeout(20_000);
}
