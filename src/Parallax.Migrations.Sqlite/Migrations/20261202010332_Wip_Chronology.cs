using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Wip_Chronology : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ChildBornOn",
                table: "PracticeReviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Indicators",
                table: "PracticeReviews",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MoreTypeIds",
                table: "ChronologyEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "RetypedBy",
                table: "ChronologyEvents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuggestedBecause",
                table: "ChronologyEvents",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChildBornOn",
                table: "PracticeReviews");

            migrationBuilder.DropColumn(
                name: "Indicators",
                table: "PracticeReviews");

            migrationBuilder.DropColumn(
                name: "MoreTypeIds",
                table: "ChronologyEvents");

            migrationBuilder.DropColumn(
                name: "RetypedBy",
                table: "ChronologyEvents");

            migrationBuilder.DropColumn(
                name: "SuggestedBecause",
                table: "ChronologyEvents");
        }
    }
}
