using System.Reflection;
using Xunit.Sdk;

namespace Parallax.Tests.Infrastructure;

/// <summary>A theory's cases: once on SQLite and once on PostgreSQL.</summary>
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite], [DatabaseProvider.Postgres]];
}
