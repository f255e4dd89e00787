using Nimbus.ApiGateway.RestApis.Velocity;

namespace Nimbus.ApiGateway.Tests.Unit;

/// <summary>The Velocity subset of mapping templates, rendered with plain values as roots.</summary>
public sealed class VelocityTests
{
    private static string Render(string template, Dictionary<string, object?>? roots = null)
    {
        var scope = new VelocityScope(roots ?? new Dictionary<string, object?>
        {
            ["util"] = new VelocityUtil(),
            ["items"] = new List<object?> { "a", "b", "c" },
            ["map"] = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = "two" },
            ["n"] = 5L,
            ["name"] = "Alice Smith",
        });
        VelocityParser.Parse(template)(scope);
        return scope.Output.ToString();
    }

    [Theory]
    [InlineData("$n", "5")]
    [InlineData("${n}x", "5x")]
    [InlineData("$missing", "$missing")]
    [InlineData("$!missing.", ".")]
    [InlineData("cost: $5 and #1", "cost: $5 and #1")]
    [InlineData("$map.x $map.y $map.get('y') $map.size() $map.containsKey('x')", "1 two two 2 true")]
    [InlineData("$items[1] $items.get(2) $items.size() $items", "b c 3 [a, b, c]")]
    [InlineData("$map", "{x=1, y=two}")]
    [InlineData("$name.length() $name.toUpperCase() $name.substring(0, 5) $name.indexOf('S') $name.replace(' ', '_')", "11 ALICE SMITH Alice 6 Alice_Smith")]
    [InlineData("$name.split(' ')[1] $name.contains('Smith') $name.startsWith('Al') $name.replaceAll('[aeiou]', '*')", "Smith true true Al*c* Sm*th")]
    [InlineData("#set($x = $n * 2 + 1)$x #set($y = $n / 2)$y $n % 3 #set($f = 1.5 * 2)$f", "11 2 5 % 3 3.0")]
    [InlineData("#if($n > 3 && $n <= 5)big#elseif($n == 3)three#{else}small#end", "big")]
    [InlineData("#if($n lt 3 or $name eq 'Alice Smith')yes#end #if(!($n == 5))no#{else}five#end", "yes five")]
    [InlineData("#if($missing)set#else unset#end", " unset")]
    [InlineData("#if($map.y != 'two')x#{elseif}($map.x == 1)one#end", "one")]
    [InlineData("#foreach($i in $items)$i#if($foreach.hasNext),#end#end", "a,b,c")]
    [InlineData("#foreach($i in [1..3])$foreach.index:$i#end", "0:11:22:3")]
    [InlineData("#foreach($v in $map)$v;#end", "1;two;")]
    [InlineData("#foreach($i in $items)#if($i == 'b')#break#end$i#end", "a")]
    [InlineData("#set($list = [])#set($ok = $list.add('q'))#set($m = {'k': 'v'})$list $m.k", "[q] v")]
    [InlineData("#set($s = \"hello $name\")$s", "hello Alice Smith")]
    [InlineData("#set($s = 'no $name')$s", "no $name")]
    [InlineData("## a comment\nA#* block *#B#[[$raw #if]]#", "AB$raw #if")]
    [InlineData("$util.urlEncode('a b&c=d/é') $util.urlDecode('a+b%26c')", "a+b%26c%3Dd%2F%C3%A9 a b&c")]
    [InlineData("$util.base64Encode('hi there') $util.base64Decode('aGkgdGhlcmU=')", "aGkgdGhlcmU= hi there")]
    [InlineData("#set($o = $util.parseJson('{\"a\":{\"b\":[1,2]}}'))$o.a.b[1] $o.a", "2 {b=[1, 2]}")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void EscapeJavaScript_IsCommonsLangs()
    {
        var roots = new Dictionary<string, object?> { ["util"] = new VelocityUtil(), ["raw"] = "it's \"q\"/\n\\é" };

        Assert.Equal(@"it\'s \""q\""\/\n\\\u00E9", Render("$util.escapeJavaScript($raw)", roots));
    }

    [Fact]
    public void DirectiveLines_LeaveNoBlankLines()
    {
        var template = "{\n  #set($a = 1)\n  #foreach($i in $items)\n  \"$i\": $a#if($foreach.hasNext),#end\n\n  #end\n}";

        Assert.Equal("{\n  \"a\": 1,\n\n  \"b\": 1,\n\n  \"c\": 1\n\n}", Render(template));
    }

    [Fact]
    public void SetWithNull_KeepsThePreviousValue_AsVelocity17()
    {
        Assert.Equal("5", Render("#set($n = $missing)$n"));
    }

    [Fact]
    public void Foreach_StopsAfterAThousandIterations()
    {
        Assert.Equal(1000, Render("#foreach($i in [1..5000])x#end").Length);
    }

    [Theory]
    [InlineData("#if($n > 1)open")]
    [InlineData("#end")]
    [InlineData("#foreach($i in $items)x")]
    [InlineData("#set($x = )")]
    [InlineData("#set(x = 1)")]
    [InlineData("#if($n > 1)a#else b#else c#end")]
    [InlineData("$map.get('x'")]
    [InlineData("#set($s = 'unterminated)")]
    [InlineData("#* never closed")]
    [InlineData("${n")]
    [InlineData("#macro(x)#end")]
    public void BadTemplates_AreParseErrors(string template)
    {
        var error = Assert.Throws<VelocityException>(() => VelocityParser.Parse(template));

        Assert.Contains("line 1", error.Message);
    }
}
