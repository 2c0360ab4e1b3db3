namespace Parallax.Web;

/// <summary>
/// Words for people in place of the code's names (decision 0042): an entity's or field's PascalCase name becomes a
/// sentence-case phrase ("ReturnQueryMessage" reads "Return query message"), with a few names the code uses that
/// people do not ("PlanAction" is an action, "AuditReturn" a return).
/// </summary>
public static class Words
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["ParallaxUser"] = "User",
        ["PlanAction"] = "Action",
        ["AuditReturn"] = "Return",
        ["ReturnAnswer"] = "Return answer",
        ["ToolVersion"] = "Audit tool version",
        ["AuditTool"] = "Audit tool",
        ["PanelCaseRecord"] = "Panel record for a case",
        ["AgencyInvolvement"] = "Agency known to a case",
        ["AuditCase"] = "Case in an audit's sample",
        ["OutboxMessage"] = "E-mail",
        ["PracticeReview"] = "Practice review",
        ["IdentityUserRole<Guid>"] = "Role held",
        ["IdentityUserClaim<Guid>"] = "User claim",
        ["IdentityRole<Guid>"] = "Role",
    };

    public static string For(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        if (Named.TryGetValue(name, out var named)) return named;
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                text.Append(' ').Append(char.ToLowerInvariant(c));
            else
                text.Append(c);
        }

        return text.ToString();
    }
}
