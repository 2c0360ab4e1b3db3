using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReturnAnswerCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NoCount",
                table: "Returns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NotApplicableCount",
                table: "Returns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "YesCount",
                table: "Returns",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoCount",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "NotApplicableCount",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "YesCount",
                table: "Returns");
        }
    }
}
