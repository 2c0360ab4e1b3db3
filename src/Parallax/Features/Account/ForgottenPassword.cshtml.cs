using System.Diagnostics;

namespace Parallax.Features.Account;

/// <summary>
/// Asks for a password-reset link. The answer is the same page whether or not the address has an account, and it
/// takes the same time: the work is padded to a fixed minimum, so timing tells nothing either.
/// </summary>
public class ForgottenPasswordModel(PasswordReset reset) : PageModel
{
    /// <summary>Longer than the work takes on a loaded server, so both answers wait for this.</summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(600);

    [BindProperty] public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your e-mail address");
            return Page();
        }

        var started = Stopwatch.GetTimestamp();
        await reset.RequestAsync(Email);
        var remaining = AnswerTime - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining); // real time, whatever clock the application reads
        Sent = true;
        return Page();
    }
}
