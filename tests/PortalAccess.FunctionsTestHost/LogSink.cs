namespace PortalAccess.FunctionsTestHost;

/// <summary>Forwards lines to the caller's <c>Log</c> and keeps the last ones for start-up errors.</summary>
internal sealed class LogSink(Action<string>? log)
{
    private const int Kept = 40;
    private readonly Queue<string> last = new();

    public void Write(string line)
    {
        lock (last)
        {
            last.Enqueue(line);
            if (last.Count > Kept)
            {
                last.Dequeue();
            }
        }
        try
        {
            log?.Invoke(line);
        }
#pragma warning disable CA1031 // a test's output helper throws once its test is over; the host must go on
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public string LastLines()
    {
        lock (last)
        {
            return string.Join(Environment.NewLine, last);
        }
    }
}
