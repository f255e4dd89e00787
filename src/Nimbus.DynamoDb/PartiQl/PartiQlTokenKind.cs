namespace Nimbus.DynamoDb.PartiQl;

internal enum PartiQlTokenKind
{
    /// <summary>A bare word: keyword, function or attribute name (keywords are matched case-insensitively).</summary>
    Word,

    /// <summary>A double-quoted identifier: a table, index or attribute name.</summary>
    QuotedName,

    /// <summary>A single-quoted string literal.</summary>
    String,

    Number,

    /// <summary>Punctuation and operators: ( ) [ ] { } , . : ? * + - = &lt;&gt; != &lt; &lt;= &gt; &gt;= &lt;&lt; &gt;&gt;</summary>
    Symbol,

    End,
}
