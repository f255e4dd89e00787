namespace Nimbus.Protocol.Documents;

/// <summary>The members of a <see cref="WireValue"/> map: ordered for writing, indexed for reading.</summary>
internal sealed class WireMap
{
    private readonly List<KeyValuePair<string, WireValue>> _members;
    private readonly Dictionary<string, WireValue> _byName = new(StringComparer.Ordinal);

    public WireMap(IEnumerable<KeyValuePair<string, WireValue>> members)
    {
        _members = members.ToList();
        foreach (var (name, value) in _members)
        {
            _byName[name] = value;
        }
    }

    public IReadOnlyList<KeyValuePair<string, WireValue>> Members => _members;

    public bool TryGet(string name, out WireValue value) => _byName.TryGetValue(name, out value!);
}
