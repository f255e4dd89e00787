namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>
/// A space-delimited filter pattern, <c>[ip, user, ..., status = 5*, bytes &gt; 1000]</c>: the message is split
/// into fields at spaces (text inside <c>"…"</c> or <c>[…]</c> is one field), fields are named in order, <c>...</c>
/// stands for any number of fields, and conditions on named fields must hold. A pattern without <c>...</c> needs
/// exactly as many fields as it names.
/// </summary>
internal sealed class SpaceDelimitedPattern : IMessagePredicate
{
    private readonly IReadOnlyList<Element> _elements;

    private SpaceDelimitedPattern(IReadOnlyList<Element> elements)
    {
        _elements = elements;
    }

    public static SpaceDelimitedPattern Parse(string pattern)
    {
        var elements = new List<Element>();
        var position = 1;
        while (true)
        {
            while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
            {
                position++;
            }
            if (string.CompareOrdinal(pattern, position, "...", 0, 3) == 0)
            {
                elements.Add(new Element(null, null));
                position += 3;
            }
            else
            {
                var start = position;
                while (position < pattern.Length && (char.IsAsciiLetterOrDigit(pattern[position]) || pattern[position] is '_' or '-' or '.'))
                {
                    position++;
                }
                var name = pattern[start..position];
                if (name.Length == 0)
                {
                    throw LogsErrors.InvalidParameter("Invalid filter pattern: expected a field name in the space-delimited pattern.");
                }
                while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
                {
                    position++;
                }
                Condition? condition = null;
                if (position < pattern.Length && pattern[position] is not (',' or ']'))
                {
                    var parser = new ConditionParser(pattern, start, ']');
                    condition = parser.ParseOr();
                    position = parser.Position;
                }
                elements.Add(new Element(name, condition));
            }
            while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
            {
                position++;
            }
            if (position < pattern.Length && pattern[position] == ',')
            {
                position++;
                continue;
            }
            if (position < pattern.Length && pattern[position] == ']' && pattern[(position + 1)..].Trim().Length == 0)
            {
                return new SpaceDelimitedPattern(elements);
            }
            throw LogsErrors.InvalidParameter("Invalid filter pattern: a space-delimited pattern is a comma-separated list of fields inside [ ].");
        }
    }

    public bool Matches(string message) => Match(Split(message), 0, 0, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Aligns pattern elements with fields; <c>...</c> tries every length, so any alignment that satisfies the conditions matches.</summary>
    private bool Match(IReadOnlyList<string> fields, int element, int field, Dictionary<string, string> named)
    {
        if (element == _elements.Count)
        {
            return field == fields.Count && _elements.All(e => e.Condition is null
                || e.Condition.Evaluate(name => named.TryGetValue(name, out var text) ? new FieldValue(FieldKind.Text, text) : FieldValue.Missing));
        }
        var current = _elements[element];
        if (current.Name is null)
        {
            for (var skip = 0; field + skip <= fields.Count; skip++)
            {
                if (Match(fields, element + 1, field + skip, named))
                {
                    return true;
                }
            }
            return false;
        }
        if (field >= fields.Count)
        {
            return false;
        }
        named[current.Name] = fields[field];
        return Match(fields, element + 1, field + 1, named);
    }

    private static List<string> Split(string message)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < message.Length)
        {
            if (char.IsWhiteSpace(message[i]))
            {
                i++;
                continue;
            }
            var closer = message[i] switch { '"' => '"', '[' => ']', _ => '\0' };
            if (closer != '\0')
            {
                var end = message.IndexOf(closer, i + 1);
                end = end < 0 ? message.Length : end;
                fields.Add(message[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < message.Length && !char.IsWhiteSpace(message[i]))
            {
                i++;
            }
            fields.Add(message[start..i]);
        }
        return fields;
    }

    private sealed record Element(string? Name, Condition? Condition);
}
