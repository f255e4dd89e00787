namespace Nimbus.Core.Patterns;

internal enum MatcherKind
{
    ExactString,
    ExactNumber,
    ExactLiteral,
    Prefix,
    Suffix,
    EqualsIgnoreCase,
    Wildcard,
    Numeric,
    Exists,
    Cidr,
    AnythingBut,
    AnythingButPrefix,
    AnythingButSuffix,
    AnythingButIgnoreCase,
    AnythingButWildcard,
}
