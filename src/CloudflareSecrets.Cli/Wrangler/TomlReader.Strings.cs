using System.Globalization;
using System.Text;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>TOML's four kinds of strings and their escape sequences.</summary>
internal sealed partial class TomlReader
{
    private string ReadBasicString()
    {
        _i++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_i >= text.Length || text[_i] is '\n' or '\r')
            {
                throw Error("a string is not closed on its line");
            }

            char c = text[_i];
            if (c == '"')
            {
                _i++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                Escape(builder);
            }
            else
            {
                builder.Append(c);
                _i++;
            }
        }
    }

    private string ReadLiteralString()
    {
        _i++;
        int start = _i;
        while (_i < text.Length && text[_i] != '\'' && text[_i] is not ('\n' or '\r'))
        {
            _i++;
        }

        if (Peek() != '\'')
        {
            throw Error("a string is not closed on its line");
        }

        return text[start.._i++];
    }

    private string ReadMultiLineString(bool basic)
    {
        string delimiter = basic ? "\"\"\"" : "'''";
        _i += 3;
        if (At("\r\n"))
        {
            _i += 2;
        }
        else if (Peek() == '\n')
        {
            _i++;
        }

        var builder = new StringBuilder();
        while (true)
        {
            if (_i >= text.Length)
            {
                throw Error("a multi-line string is not closed");
            }

            if (At(delimiter))
            {
                // Up to two quotes may come right before the closing three.
                int extra = 0;
                while (extra < 2 && PeekAt(3 + extra) == delimiter[0])
                {
                    extra++;
                }

                builder.Append(delimiter[0], extra);
                _i += 3 + extra;
                return builder.ToString();
            }

            if (basic && text[_i] == '\\')
            {
                int j = _i + 1;
                while (j < text.Length && text[j] is ' ' or '\t')
                {
                    j++;
                }

                if (j < text.Length && text[j] is '\n' or '\r')
                {
                    // A line-ending backslash: the line break and the white space after it are dropped.
                    _i = j;
                    while (_i < text.Length && text[_i] is ' ' or '\t' or '\n' or '\r')
                    {
                        _i++;
                    }

                    continue;
                }

                Escape(builder);
                continue;
            }

            builder.Append(text[_i++]);
        }
    }

    private void Escape(StringBuilder builder)
    {
        char e = PeekAt(1);
        _i += 2;
        switch (e)
        {
            case 'b': builder.Append('\b'); break;
            case 't': builder.Append('\t'); break;
            case 'n': builder.Append('\n'); break;
            case 'f': builder.Append('\f'); break;
            case 'r': builder.Append('\r'); break;
            case 'e': builder.Append('\u001b'); break;
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case 'u' or 'U':
                int length = e == 'u' ? 4 : 8;
                if (_i + length > text.Length
                    || !int.TryParse(text.AsSpan(_i, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                    || code is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
                {
                    throw Error($"\\{e} needs {length} hexadecimal digits of a Unicode scalar value");
                }

                builder.Append(char.ConvertFromUtf32(code));
                _i += length;
                break;
            default:
                throw Error("an unknown escape sequence in a string");
        }
    }
}
