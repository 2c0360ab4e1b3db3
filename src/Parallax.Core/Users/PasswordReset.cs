namespace Parallax.Core.Users;

/// <summary>
/// "Forgotten your password?": a single-use link (1 hour) mailed through the outbox. The answer to the request is
/// the same whether or not the address has an account; the page also takes the same time either way.
/// </summary>
public sealed class PasswordReset(ParallaxDbContext db, UserManager<ParallaxUser> users, OneTimeLinks links, MailQueue mail, MailSettings settings)
{
    public const string Kind = "password-reset";

    /// <summary>Queues the link when the address belongs to an active account; otherwise does nothing, saying nothing.</summary>
    public async Task RequestAsync(string? email, CancellationToken ct = default)
    {
        var address = (email ?? "").Trim();
        if (address.Length is 0 or > 256) return;
        var user = await users.FindByEmailAsync(address);
        if (user is null || user.DeactivatedAt is not null || user.InvitationPending) return;
        // Where people sign in only at the identity provider, a Parallax password would open nothing (decision 0033).
        if (await db.SignsInAtProviderOnlyAsync(user.Id, ct)) return;

        var token = await links.IssueAsync(OneTimeLinkPurpose.PasswordReset, user.PartnershipId, user.Id, ct);
        await mail.EnqueueAsync(new MailItem(user.PartnershipId, Kind, user.Email!, "Reset your Parallax password",
            $"""
            Someone, hopefully you, asked to reset the password of your Parallax account ({user.Email}).

            Follow this link within 1 hour to choose a new password:

            {MailItem.LinkPlaceholder}

            The link works once. If you did not ask, ignore this message: your password has not changed.
            """,
            SecretLink: $"{settings.SiteUrl.TrimEnd('/')}/account/reset-password/{token}"), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> IsUsableAsync(string? token, CancellationToken ct = default) =>
        await links.FindUsableAsync(OneTimeLinkPurpose.PasswordReset, token, ct) is { UserId: not null };

    /// <summary>Sets the new password, uses up the link, ends a lockout and signs the account out everywhere.</summary>
    public async Task ResetAsync(string? token, string? password, string? confirmPassword, CancellationToken ct = default)
    {
        var link = await links.FindUsableAsync(OneTimeLinkPurpose.PasswordReset, token, ct);
        var user = link?.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (link is null || user is null || user.DeactivatedAt is not null) throw new DomainException(OneTimeLinks.NotUsable);
        Accounts.CheckNewPassword(password, confirmPassword);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        links.Use(link);
        var identityToken = await users.GeneratePasswordResetTokenAsync(user);
        Accounts.Check(await users.ResetPasswordAsync(user, identityToken, password!), "Password");
        Accounts.Check(await users.SetLockoutEndDateAsync(user, null), "");
        Accounts.Check(await users.ResetAccessFailedCountAsync(user), "");
        await transaction.CommitAsync(ct);
    }
}
