using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeyedAuditChainAndApplicationKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AuditSeals",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "AuditSeals");
        }
    }
}
