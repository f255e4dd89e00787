using System.Text;

namespace Nimbus.EventBridge.Service;

/// <summary>One page of a listing. The token is the opaque (base64) key of the last item returned.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken)
{
    public static Page<T> Of(IReadOnlyList<T> sorted, Func<T, string> key, string? token, int limit, Func<string, Exception> badToken)
    {
        var start = 0;
        if (token is not null)
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw badToken(token);
            }
            while (start < sorted.Count && string.CompareOrdinal(key(sorted[start]), after) <= 0)
            {
                start++;
            }
        }
        var items = sorted.Skip(start).Take(limit).ToList();
        var more = start + items.Count < sorted.Count;
        return new Page<T>(items, more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(key(items[^1]))) : null);
    }
}
