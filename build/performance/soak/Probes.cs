namespace CloudflareSecrets.Soak;

/// <summary>Process-level readings: managed heap after a full collection, and open sockets (Linux /proc).</summary>
internal static class Probes
{
    public static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Open socket descriptors of this process (client and the in-process emulator), or -1 off Linux.</summary>
    public static int OpenSockets()
    {
        const string fds = "/proc/self/fd";
        if (!Directory.Exists(fds))
        {
            return -1;
        }

        int count = 0;
        foreach (string fd in Directory.EnumerateFileSystemEntries(fds))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor closed while it was being read.
            }
        }

        return count;
    }
}
