namespace Routilux.Tests;

/// <summary>Waits for a condition another thread makes true; fails the test if it never does. Times nothing.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, TestTimeouts.Generous))
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }
}
