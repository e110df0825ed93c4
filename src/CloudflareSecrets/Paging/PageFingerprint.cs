using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CloudflareSecrets;

/// <summary>
/// What a listing remembers of a page it has yielded: the number of items and a 128-bit hash of their ids, so a page seen
/// again is recognised without keeping its items.
/// </summary>
/// <remarks>
/// The ids are hashed in ordinal order, not in the order the server sent them: pages of one listing are disjoint, so a
/// page holding exactly the ids of an earlier page is a repeat whatever its order (a server reshuffling a page it ignores
/// the number of). SHA-256, cut to 128 bits, is built in and leaves no practical way for a server to forge a collision that
/// would end a listing early; it hashes about 7 KB for a page of 100 ids, against the page's tens of KB of JSON to parse.
/// </remarks>
internal readonly record struct PageFingerprint(int Count, UInt128 Hash)
{
    public static PageFingerprint Of<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        string[] ids = new string[items.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = key(items[i]);
        }

        Array.Sort(ids, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (string id in ids)
        {
            // The length prefix keeps ["ab", "c"] and ["a", "bc"] apart.
            BinaryPrimitives.WriteInt32LittleEndian(length, id.Length);
            hash.AppendData(length);
            hash.AppendData(MemoryMarshal.AsBytes(id.AsSpan()));
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new PageFingerprint(ids.Length, BinaryPrimitives.ReadUInt128LittleEndian(digest));
    }
}
