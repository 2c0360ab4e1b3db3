using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parallax.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DipSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DipSampleOfRecommendationId",
                table: "Audits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Audits_DipSampleOfRecommendationId",
                table: "Audits",
                column: "DipSampleOfRecommendationId");

            migrationBuilder.AddForeignKey(
                name: "FK_Audits_Recommendations_DipSampleOfRecommendationId",
                table: "Audits",
                column: "DipSampleOfRecommendationId",
                principalTable: "Recommendations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Audits_Recommendations_DipSampleOfRecommendationId",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_DipSampleOfRecommendationId",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "DipSampleOfRecommendationId",
                table: "Audits");
        }
    }
}
