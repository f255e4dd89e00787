using System.Text;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Xunit;

namespace Nimbus.CloudWatch.Tests.Store;

/// <summary>The buffer log delivery copies lines into: UTF-8 kept exactly, batches in order, reusable after a write.</summary>
public sealed class LogPageTests
{
    private static readonly AwsScope Scope = AwsScope.Default;

    [Fact]
    public void Lines_KeepTheirTextAndTimestamps_InAppendOrder_WhateverTheirCharacters()
    {
        string[] messages = ["START RequestId: 1", "emoji 😀 and 𝄞 outside the BMP", "nul\0inside", "", "ünïcödé\ttab\nnewline"];
        var page = new LogPage();
        page.Add(Scope, "/aws/lambda/a", "s1", messages.Take(2).Select((m, i) => new LogRecord(i, m)).ToList());
        page.Add(Scope, "/aws/lambda/b", "s2", messages.Skip(2).Select((m, i) => new LogRecord(10 + i, m)).ToList());

        Assert.Equal(2, page.Count);
        Assert.Equal(messages.Length, page.EventCount);
        Assert.Equal(messages.Sum(m => Encoding.UTF8.GetByteCount(m)), page.TextBytes);
        Assert.Equal(("/aws/lambda/b", "s2", 2, 3), (page.Batches[1].GroupName, page.Batches[1].StreamName, page.Batches[1].FirstLine, page.Batches[1].LineCount));
        var read = Enumerable.Range(0, page.EventCount).Select(i => (page.LineAt(i).TimestampMs, Encoding.UTF8.GetString(page.TextOf(page.LineAt(i))))).ToList();
        Assert.Equal([(0, messages[0]), (1, messages[1]), (10, messages[2]), (11, messages[3]), (12, messages[4])], read);
    }

    [Fact]
    public void APageGrowsPastItsFirstBuffer_AndIsEmptyAndUsableAfterClear()
    {
        var big = new string('x', 300 * 1024);
        var page = new LogPage();
        for (var i = 0; i < 40; i++)
        {
            page.Add(Scope, "g", "s", [new LogRecord(i, big + i)]);
        }
        Assert.Equal(40, page.EventCount);
        Assert.Equal(big + 39, Encoding.UTF8.GetString(page.TextOf(page.LineAt(39))));

        page.Clear();
        Assert.Equal((0, 0, 0L), (page.Count, page.EventCount, page.TextBytes));
        page.Add(Scope, "g", "s", [new LogRecord(7, "after")]);
        Assert.Equal("after", Encoding.UTF8.GetString(page.TextOf(page.LineAt(0))));
    }
}
