namespace Parallax.CommandLine;

/// <summary>Reads a password from standard input: one line from a pipe, or typed without echo at a terminal.</summary>
internal static class PasswordInput
{
    public static string? Read(TextReader input, TextWriter prompt)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            var line = input.ReadLine();
            return string.IsNullOrEmpty(line) ? null : line;
        }

        prompt.Write("Password: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; continue; }
            password.Append(key.KeyChar);
        }

        prompt.WriteLine();
        return password.Length == 0 ? null : password.ToString();
    }
}
