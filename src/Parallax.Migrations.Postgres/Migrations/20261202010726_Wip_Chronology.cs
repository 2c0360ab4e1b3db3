using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Postgres.Migrations
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
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Indicators",
                table: "PracticeReviews",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "MoreTypeIds",
                table: "ChronologyEvents",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "RetypedBy",
                table: "ChronologyEvents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuggestedBecause",
                table: "ChronologyEvents",
                type: "character varying(1000)",
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
