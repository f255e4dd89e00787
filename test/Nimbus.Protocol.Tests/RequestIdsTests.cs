using System.Text.RegularExpressions;
using Nimbus.Core;

namespace Nimbus.Protocol.Tests;

public sealed partial class RequestIdsTests
{
    [Fact]
    public void RequestIds_AreDistinctVersion4Uuids()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => RequestIds.NewRequestId()).ToList();
        Assert.All(ids.Take(1_000), id => Assert.Matches(Version4(), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // Every hex digit but the version varies freely; the variant digit takes all of its four values.
        var positions = Enumerable.Range(0, 36).Where(i => i is not (8 or 13 or 14 or 18 or 19 or 23));
        Assert.All(positions, i => Assert.True(ids.Take(1_000).Select(id => id[i]).Distinct().Count() > 8, $"position {i}"));
        Assert.Equal("89ab", string.Concat(ids.Take(1_000).Select(id => id[19]).Distinct().Order()));
    }

    [Fact]
    public void Hex32_IsTheUuidWithoutDashes()
    {
        var hex = RequestIds.NewHex32();
        Assert.Matches("^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$", hex);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Version4();
}
